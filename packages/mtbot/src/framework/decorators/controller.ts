import { injectable } from 'tsyringe';
import type { Context } from '../context';
import { controllerKey, type ControllerOptions } from './metadata-keys';

/**
 * Marks a class as a controller: a group of handlers with shared middleware, guards and error
 * handler. Records metadata only (and tsyringe's constructor types, so the class can be resolved);
 * `registerControllers` reads it at start-up.
 *
 * @example
 * ```ts
 * @Controller({ guards: [privateChatOnly] })
 * class Greeter {
 *   constructor(private readonly users: UserService) {}
 *   @Command('start') start(@Ctx() ctx: Context, @Args() payload: string) { return ctx.reply(`Hi ${payload}`); }
 * }
 * ```
 */
export function Controller<C extends Context = Context>(options: ControllerOptions<C> = {}): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(controllerKey, options, target);
    injectable()(target as unknown as new (...args: never[]) => unknown);
  };
}
