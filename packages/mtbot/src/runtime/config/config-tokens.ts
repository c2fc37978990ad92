import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { LoadedConfig } from './bot-config';
import type { EnvSchema, EnvValues } from './parse-env';

/**
 * The tsyringe token of the service's validated configuration ({@link LoadedConfig}: mtbot's settings
 * plus the application's in `app`), registered by `createBotService` in the bot's container. It holds
 * the bot token and api_hash: pass on what a service needs, never log the whole object.
 *
 * @example
 * ```ts
 * @Controller()
 * class Admin {
 *   constructor(@inject(BOT_CONFIG) private readonly config: LoadedConfig<typeof schema>) {}
 * }
 * ```
 */
export const BOT_CONFIG: InjectionToken<LoadedConfig<EnvSchema>> = Symbol('mtbot.BotConfig');

/**
 * The tsyringe token of the application's own validated variables (`config.app`: the values of the
 * `schema` given to `runBot` / `createBotService`), for services that need only those.
 *
 * @example
 * ```ts
 * const schema = { ADMIN_ID: env.int({ min: 1 }) };
 * @injectable()
 * class AdminService {
 *   constructor(@inject(APP_CONFIG) private readonly app: EnvValues<typeof schema>) {}
 * }
 * ```
 */
export const APP_CONFIG: InjectionToken<EnvValues<EnvSchema>> = Symbol('mtbot.AppConfig');

/**
 * Registers `config` under {@link BOT_CONFIG} and its `app` values under {@link APP_CONFIG} in
 * `container`. Call it before the controllers are registered: singleton controllers are resolved then.
 */
export function registerBotConfig<S extends EnvSchema>(
  container: DependencyContainer,
  config: LoadedConfig<S>,
): void {
  container.registerInstance(BOT_CONFIG, config as LoadedConfig<EnvSchema>);
  container.registerInstance(APP_CONFIG, config.app as EnvValues<EnvSchema>);
}
