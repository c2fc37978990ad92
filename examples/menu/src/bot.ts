// A shop menu of inline buttons that edits one message in place: categories, items, an item's page
// with a button that adds it to the cart (answered with a toast), and Back buttons all the way up.
import {
  CallbackQuery,
  Command,
  Controller,
  Ctx,
  InlineKeyboard,
  Param,
  type Context,
  type RunBotOptions,
} from 'mtbot';

export interface Item {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
}

export interface Category {
  readonly id: string;
  readonly title: string;
  readonly items: readonly Item[];
}

/** What the shop sells. A real bot would read it from a database; the menu only asks this class. */
export class Catalog {
  readonly categories: readonly Category[] = [
    {
      id: 'fruit',
      title: '🍎 Fruit',
      items: [
        { id: 'apple', name: 'Apple', priceCents: 60 },
        { id: 'pear', name: 'Pear', priceCents: 75 },
      ],
    },
    {
      id: 'bakery',
      title: '🥐 Bakery',
      items: [
        { id: 'croissant', name: 'Croissant', priceCents: 180 },
        { id: 'baguette', name: 'Baguette', priceCents: 250 },
        { id: 'pretzel', name: 'Pretzel', priceCents: 150 },
      ],
    },
  ];

  category(id: string): Category | undefined {
    return this.categories.find((category) => category.id === id);
  }

  item(id: string): { item: Item; category: Category } | undefined {
    for (const category of this.categories) {
      const item = category.items.find((candidate) => candidate.id === id);
      if (item !== undefined) return { item, category };
    }
    return undefined;
  }
}

/** Each user's cart, in memory: item ids in the order they were added. */
export class Carts {
  private readonly carts = new Map<bigint, string[]>();

  add(userId: bigint, itemId: string): number {
    const cart = this.carts.get(userId) ?? [];
    cart.push(itemId);
    this.carts.set(userId, cart);
    return cart.length;
  }

  of(userId: bigint): readonly string[] {
    return this.carts.get(userId) ?? [];
  }
}

const price = (cents: number): string => `€${(cents / 100).toFixed(2)}`;

/**
 * The menu. Callback data names a screen: `menu`, `category/:id`, `item/:id`, and the action
 * `item/:id/add`. `@Param('id')` hands the handler the part of the data the pattern names, and the
 * services come in through the constructor from the bot's container.
 */
@Controller()
export class MenuController {
  constructor(
    private readonly catalog: Catalog,
    private readonly carts: Carts,
  ) {}

  @Command(['start', 'menu'])
  start(@Ctx() ctx: Context) {
    return ctx.reply(...this.mainScreen());
  }

  @CallbackQuery('menu')
  async main(@Ctx() ctx: Context) {
    await ctx.edit(...this.mainScreen());
    await ctx.answer();
  }

  @CallbackQuery('category/:id')
  async category(@Ctx() ctx: Context, @Param('id') id: string) {
    const category = this.catalog.category(id);
    if (category === undefined) return ctx.answer({ text: 'That category is gone.', alert: true });
    const keyboard = new InlineKeyboard();
    for (const item of category.items)
      keyboard.text(`${item.name} · ${price(item.priceCents)}`, `item/${item.id}`).row();
    keyboard.text('« Back', 'menu');
    await ctx.edit(`${category.title}: pick an item.`, { replyMarkup: keyboard });
    await ctx.answer();
  }

  @CallbackQuery('item/:id')
  async item(@Ctx() ctx: Context, @Param('id') id: string) {
    const found = this.catalog.item(id);
    if (found === undefined) return ctx.answer({ text: 'That item is sold out.', alert: true });
    const { item, category } = found;
    const keyboard = new InlineKeyboard()
      .text('🛒 Add to cart', `item/${item.id}/add`)
      .row()
      .text('« Back', `category/${category.id}`);
    await ctx.edit(`${item.name}: ${price(item.priceCents)}`, { replyMarkup: keyboard });
    await ctx.answer();
  }

  /** An action, not a screen: the message stays as it is and a toast says what happened. */
  @CallbackQuery('item/:id/add')
  add(@Ctx() ctx: Context, @Param('id') id: string) {
    const found = this.catalog.item(id);
    if (found === undefined || ctx.from === undefined)
      return ctx.answer({ text: 'That item is sold out.', alert: true });
    const count = this.carts.add(ctx.from.id, id);
    return ctx.answer({ text: `Added ${found.item.name}. ${count} in your cart.` });
  }

  @Command('cart')
  cart(@Ctx() ctx: Context) {
    const ids = ctx.from === undefined ? [] : this.carts.of(ctx.from.id);
    if (ids.length === 0) return ctx.reply('Your cart is empty. /menu');
    const items = ids.map((id) => this.catalog.item(id)?.item).filter((item) => item !== undefined);
    const total = items.reduce((sum, item) => sum + item.priceCents, 0);
    return ctx.reply(`${items.map((item) => item.name).join(', ')}: ${price(total)}`);
  }

  private mainScreen(): [string, { replyMarkup: InlineKeyboard }] {
    const keyboard = new InlineKeyboard();
    for (const category of this.catalog.categories) keyboard.text(category.title, `category/${category.id}`);
    return ['What would you like?', { replyMarkup: keyboard }];
  }
}

/** What `runBot` / `runDevBot` need besides the environment. */
export const botOptions = {
  controllers: [MenuController],
} satisfies RunBotOptions;
