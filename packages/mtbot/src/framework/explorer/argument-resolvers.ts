import type { Context } from '../context';
import type { ParameterSource } from '../decorators/metadata-keys';

/** Gives one handler argument from the context. */
export type ArgumentResolver = (ctx: Context) => unknown;

const contextArgument: ArgumentResolver = (ctx) => ctx;
const messageArgument: ArgumentResolver = (ctx) => ctx.message;
const paramsArgument: ArgumentResolver = (ctx) => ctx.params;
const matchArgument: ArgumentResolver = (ctx) => ctx.match;
const argsArgument: ArgumentResolver = (ctx) => ctx.args;

/** The resolver of a parameter decorator, made once at start-up. */
export function argumentResolver(source: ParameterSource): ArgumentResolver {
  switch (source.type) {
    case 'context':
      return contextArgument;
    case 'message':
      return messageArgument;
    case 'params':
      return paramsArgument;
    case 'match':
      return matchArgument;
    case 'args':
      return argsArgument;
    case 'param': {
      const name = source.name;
      return (ctx) => ctx.params[name];
    }
  }
}
