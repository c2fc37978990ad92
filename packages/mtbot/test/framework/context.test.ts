import { Context, ContextError } from '../../src/framework';
import { callbackUpdate, chatMemberUpdate, inlineUpdate, messageUpdate, newLog } from './fake-updates';

describe('Context', () => {
  it('exposes the payload, chat and sender of each update kind', () => {
    const log = newLog();
    const message = new Context(messageUpdate('hi', log, { chatId: 3n, senderId: 4n }));
    expect([message.kind, message.chat?.id, message.from?.id, message.message?.text]).toEqual([
      'message',
      3n,
      4n,
      'hi',
    ]);
    const callback = new Context(callbackUpdate('x', log, { chatId: 5n, senderId: 6n }));
    expect([
      callback.callbackQuery?.data,
      callback.chat?.id,
      callback.from?.id,
      callback.message?.text,
    ]).toEqual(['x', 5n, 6n, 'menu']);
    const inline = new Context(inlineUpdate('q', log));
    expect([inline.inlineQuery?.query, inline.chat, inline.message]).toEqual(['q', undefined, undefined]);
    const member = new Context(chatMemberUpdate('left', 'member'));
    expect([member.chatMember?.newStatus, member.chat?.id, member.from?.id]).toEqual(['member', -200n, 1n]);
  });

  it('delegates reply and edit to the message, answer to the callback query', async () => {
    const log = newLog();
    const ctx = new Context(callbackUpdate('x', log));
    await ctx.reply('a');
    await ctx.edit('b');
    await ctx.answer({ text: 'c' });
    expect(log.calls).toEqual(['reply:a', 'edit:b', 'answer:c']);
  });

  it('rejects actions the update cannot do with a ContextError', async () => {
    const log = newLog();
    const message = new Context(messageUpdate('hi', log));
    const inline = new Context(inlineUpdate('q', log));
    await expect(message.answer()).rejects.toThrow(ContextError);
    await expect(message.answerInlineQuery([])).rejects.toThrow(
      'ctx.answerInlineQuery() is not possible on message updates',
    );
    await expect(inline.edit('x')).rejects.toThrow(
      'ctx.edit() is not possible on inlineQuery updates: there is no message to edit',
    );
    expect(log.calls).toEqual([]);
  });

  it('keeps a state bag per context', () => {
    const log = newLog();
    const first = new Context(messageUpdate('a', log));
    const second = new Context(messageUpdate('b', log));
    first.state.user = 'x';
    expect(first.state).toEqual({ user: 'x' });
    expect(second.state).toEqual({});
  });
});
