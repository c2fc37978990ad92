import { parseBotCommand } from '../../src/updates/bot-command';

describe('parseBotCommand', () => {
  it('reads the name, the bot suffix and the arguments', () => {
    expect(parseBotCommand('/start@My_Bot ref-42  x', 'my_bot')).toEqual({
      name: 'start',
      botName: 'My_Bot',
      args: 'ref-42  x',
    });
    expect(parseBotCommand('/help', 'my_bot')).toEqual({ name: 'help', botName: undefined, args: '' });
    expect(parseBotCommand('/start\npayload', 'my_bot')).toEqual({
      name: 'start',
      botName: undefined,
      args: 'payload',
    });
  });

  it('ignores commands for other bots and text that is no command', () => {
    expect(parseBotCommand('/start@other_bot', 'my_bot')).toBeUndefined();
    expect(parseBotCommand('hello /start', 'my_bot')).toBeUndefined();
    expect(parseBotCommand('/', 'my_bot')).toBeUndefined();
    expect(parseBotCommand('/start,now', 'my_bot')).toBeUndefined();
    expect(parseBotCommand(`/${'a'.repeat(33)}`, 'my_bot')).toBeUndefined();
  });

  it('accepts any suffix while the bot username is unknown', () => {
    expect(parseBotCommand('/start@any_bot', undefined)?.botName).toBe('any_bot');
  });
});
