import type { InjectionToken } from 'tsyringe';
import type { Context } from './context';

/**
 * The tsyringe token of the current update's {@link Context} in an update-scoped container: a service
 * of an update-scoped controller takes it with `@inject(CONTEXT) ctx: Context`.
 */
export const CONTEXT: InjectionToken<Context> = Symbol('mtbot.Context');
