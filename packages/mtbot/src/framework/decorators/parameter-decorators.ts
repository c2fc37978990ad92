import {
  appendMetadata,
  parameterMethodsKey,
  parametersKey,
  type ParameterMetadata,
  type ParameterSource,
} from './metadata-keys';

function parameterDecorator(source: ParameterSource): ParameterDecorator {
  return (target, method, index) => {
    // On a constructor parameter `method` is undefined: the explorer reports it as misplaced.
    const property = method ?? 'constructor';
    appendMetadata<ParameterMetadata>(parametersKey, [{ index, source }], target, property);
    appendMetadata<string | symbol>(parameterMethodsKey, [property], target);
  };
}

/** The handler's {@link Context}. */
export function Ctx(): ParameterDecorator {
  return parameterDecorator({ type: 'context' });
}

/** The update's message (or the message a pressed button sits on). */
export function Msg(): ParameterDecorator {
  return parameterDecorator({ type: 'message' });
}

/** All named parameters of a callback data pattern, e.g. `{ id: '42' }` for `item/:id`. */
export function Params(): ParameterDecorator {
  return parameterDecorator({ type: 'params' });
}

/** One named parameter of a callback data pattern: `@Param('id') id: string`. */
export function Param(name: string): ParameterDecorator {
  return parameterDecorator({ type: 'param', name });
}

/** The RegExp match (with captures) of a `@Hears`, `@CallbackQuery` or `@InlineQuery` RegExp. */
export function Match(): ParameterDecorator {
  return parameterDecorator({ type: 'match' });
}

/** The text after a command: `/start payload` gives `payload` (a deep-link payload). */
export function Args(): ParameterDecorator {
  return parameterDecorator({ type: 'args' });
}
