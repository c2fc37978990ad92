// The framework's entry: decorators need the Reflect metadata API, loaded once here before anything
// records or reads metadata (tsyringe needs it too).
import 'reflect-metadata';

export type {
  RoutableCallbackQuery,
  RoutableChat,
  RoutableChatMemberUpdate,
  RoutableChatType,
  RoutableCommand,
  RoutableInlineQuery,
  RoutableMediaKind,
  RoutableMemberStatus,
  RoutableMessage,
  RoutableUpdate,
  RoutableUpdateKind,
  RoutableUser,
} from './routable-update';
export { Context } from './context';
export { CONTEXT } from './context-token';
export {
  composeMiddleware,
  type ErrorHandler,
  type Guard,
  type Middleware,
  type NextFunction,
} from './middleware';
export { adminOnly, fromUsers, privateChatOnly } from './guards';
export { RateLimit, throttle, type ThrottleOptions } from './rate-limit-decorator';
export { Router, type KindRouteOptions, type RouterOptions } from './routing/router';
export type { Handler, RouteOptions } from './routing/compiled-route';
export type { ChatMemberFilter } from './routing/chat-member-table';
export type { MessageKindFilter } from './routing/kind-table';
export type { TextPattern } from './routing/text-pattern-table';
export { CallbackDataMatcher, type CallbackDataMatch } from './routing/callback-data-matcher';
export { Controller } from './decorators/controller';
export {
  CallbackQuery,
  ChatMember,
  Command,
  EditedMessage,
  Fallback,
  Hears,
  InlineQuery,
  On,
} from './decorators/route-decorators';
export { Catch, UseGuards, UseMiddleware } from './decorators/enhancer-decorators';
export { Args, Ctx, Match, Msg, Param, Params } from './decorators/parameter-decorators';
export type { ControllerOptions, ControllerScope } from './decorators/metadata-keys';
export {
  registerControllers,
  type ControllerClass,
  type RegisterControllersOptions,
} from './explorer/register-controllers';
export type { SessionStore } from './session/session-store';
export { MemorySessionStore } from './session/memory-session-store';
export { sessionMiddleware, type SessionOptions } from './session/session-middleware';
export { RouteDefinitionError } from './errors/route-definition-error';
export { HandlerError } from './errors/handler-error';
export { ContextError } from './errors/context-error';
export { MiddlewareError } from './errors/middleware-error';
