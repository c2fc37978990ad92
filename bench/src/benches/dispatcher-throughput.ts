import type { BenchDefinition, BenchImplementation } from '../harness/bench-definition';
import { GrammyDispatcher } from './dispatcher-grammy';
import { MtbotDispatcher } from './dispatcher-mtbot';
import { benchMessages, expectedReply } from './dispatcher-updates';

function checkAgreement(impl: string, handle: (index: number) => number, lastReply: () => string): void {
  benchMessages.forEach((spec, index) => {
    const handled = handle(index);
    if (handled !== index + 1) {
      throw new Error(`${impl} did not finish update ${index} within its operation (${handled} handled)`);
    }
    if (lastReply() !== expectedReply(spec)) {
      throw new Error(
        `${impl} answered "${spec.text}" with "${lastReply()}", expected "${expectedReply(spec)}"`,
      );
    }
  });
}

/**
 * `dispatcher-throughput`: updates handled per second by the same routing table (10 commands, one
 * RegExp pattern with captures, a fallback, two global middlewares) in mtbot (a decorated controller
 * resolved by tsyringe, parameter decorators on) and grammY (`bot.handleUpdate` with `botInfo` set).
 * Both reply to every update, the reply stopped before the network; one operation is one update of a
 * 16-update mix (10 commands, 3 pattern hits, 3 fallbacks) handled to its end.
 */
export const dispatcherThroughputBench: BenchDefinition = {
  name: 'dispatcher-throughput',
  unit: 'ops/s',
  implementations: () => {
    const mtbot = new MtbotDispatcher(benchMessages);
    const grammy = new GrammyDispatcher(benchMessages);
    checkAgreement(
      'mtbot',
      (index) => mtbot.handle(index),
      () => mtbot.outbox.last,
    );
    checkAgreement(
      'grammy',
      (index) => grammy.handle(index),
      () => grammy.lastReply,
    );
    const implementations: BenchImplementation[] = [
      { impl: 'mtbot', role: 'ours', operation: (index) => mtbot.handle(index) },
      { impl: 'grammy', role: 'anchor', operation: (index) => grammy.handle(index) },
    ];
    return implementations;
  },
};
