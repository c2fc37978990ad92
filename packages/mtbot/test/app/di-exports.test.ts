import * as mtbot from '../../src';
// After mtbot, whose entry loads reflect-metadata: a bot that imports only mtbot never has to.
import * as tsyringe from 'tsyringe';

@mtbot.singleton()
class Clockwork {
  readonly id = Math.random();
}

@mtbot.scoped(mtbot.Lifecycle.ContainerScoped)
class Strap {}

@mtbot.injectable()
class Watch {
  constructor(
    readonly clockwork: Clockwork,
    @mtbot.inject('brand') readonly brand: string,
    @mtbot.inject(mtbot.delay(() => Strap)) readonly strap: Strap,
  ) {}
}

describe('dependency injection from mtbot', () => {
  it('re-exports the tsyringe mtbot itself uses: one container, one set of metadata', () => {
    expect(mtbot.container).toBe(tsyringe.container);
    expect(mtbot.injectable).toBe(tsyringe.injectable);
    expect(mtbot.singleton).toBe(tsyringe.singleton);
    expect(mtbot.inject).toBe(tsyringe.inject);
    expect(mtbot.injectAll).toBe(tsyringe.injectAll);
    expect(mtbot.Lifecycle).toBe(tsyringe.Lifecycle);
  });

  it('classes decorated through mtbot resolve in a bot container', () => {
    const child: mtbot.DependencyContainer = mtbot.container.createChildContainer();
    child.registerInstance('brand', 'mtbot');
    const watch = child.resolve(Watch);
    expect(watch.brand).toBe('mtbot');
    expect(watch.clockwork).toBe(child.resolve(Watch).clockwork);
    expect(watch.strap).toBeInstanceOf(Strap);
  });
});
