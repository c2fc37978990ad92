import { BotChat, buttonsOf, LocalDc, type StoredMessage } from 'mtbot-local-dc';
import { createBot, localDcClientOptions, type BotApplication } from 'mtbot';
import { botOptions } from '../src/bot';

const labels = (message: StoredMessage | undefined): string[] =>
  message === undefined ? [] : buttonsOf(message).map((button) => button.label);

describe('menu example', () => {
  let dc: LocalDc;
  let app: BotApplication;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    app = createBot({ ...botOptions, client: localDcClientOptions(dc.info) });
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await dc.stop();
  });

  it('walks down and back up the menu, editing one message in place', async () => {
    const chat = BotChat.open(dc, { user: { firstName: 'Alice' } });
    const [menu] = await chat.send('/start');
    expect(menu?.text).toBe('What would you like?');
    expect(labels(menu)).toEqual(['🍎 Fruit', '🥐 Bakery']);

    const bakery = await chat.press(menu!, '🥐 Bakery');
    // The same message, edited: nothing new was sent.
    expect(bakery.messages.map((message) => message.id)).toEqual([menu!.id]);
    expect(bakery.messages[0]?.text).toBe('🥐 Bakery: pick an item.');
    expect(labels(bakery.messages[0])).toEqual([
      'Croissant · €1.80',
      'Baguette · €2.50',
      'Pretzel · €1.50',
      '« Back',
    ]);
    expect(bakery.answer.message).toBeUndefined();

    const pretzel = await chat.press(menu!, 'Pretzel · €1.50');
    expect(pretzel.messages[0]?.text).toBe('Pretzel: €1.50');
    expect(labels(pretzel.messages[0])).toEqual(['🛒 Add to cart', '« Back']);

    const back = await chat.press(menu!, '« Back');
    expect(back.messages[0]?.text).toBe('🥐 Bakery: pick an item.');
    const top = await chat.press(menu!, '« Back');
    expect(top.messages[0]?.text).toBe('What would you like?');
    expect(labels(top.messages[0])).toEqual(['🍎 Fruit', '🥐 Bakery']);
    expect(chat.history().filter((message) => !message.out)).toHaveLength(1);
  });

  it('adds to the cart with a toast, leaving the message as it is, and keeps carts per user', async () => {
    const alice = BotChat.open(dc, { user: { firstName: 'Alice' } });
    const bob = BotChat.open(dc, { user: { firstName: 'Bob' } });
    const [menu] = await alice.send('/menu');
    await alice.press(menu!, '🍎 Fruit');
    await alice.press(menu!, 'Pear · €0.75');
    const first = await alice.press(menu!, '🛒 Add to cart');
    expect(first.answer).toMatchObject({ message: 'Added Pear. 1 in your cart.', alert: false });
    expect(first.messages).toEqual([]);
    const second = await alice.press(menu!, '🛒 Add to cart');
    expect(second.answer.message).toBe('Added Pear. 2 in your cart.');

    expect((await alice.send('/cart')).map((message) => message.text)).toEqual(['Pear, Pear: €1.50']);
    expect((await bob.send('/cart')).map((message) => message.text)).toEqual(['Your cart is empty. /menu']);
  });
});
