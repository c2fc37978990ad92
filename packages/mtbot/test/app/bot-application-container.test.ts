import { Command, Controller } from '../../src/framework';
import { BotApplication } from '../../src/app/bot-application';
import { BotClient } from '../../src/client/bot-client';

// Options of a client that is never started: only the container is looked at.
const clientOptions = {
  apiId: 1,
  apiHash: '0123456789abcdef0123456789abcdef',
  botToken: '1:unused',
  dc: {
    host: '127.0.0.1',
    port: 1,
    dcId: 1,
    publicKeyPem: '-----BEGIN RSA PUBLIC KEY-----\nunused\n-----END RSA PUBLIC KEY-----',
  },
};

@Controller()
class FileController {
  constructor(readonly client: BotClient) {}

  @Command('size')
  size() {
    return this.client.isRunning;
  }
}

describe('BotApplication container', () => {
  it('lets a controller inject the bot client: it is registered before controllers are resolved', () => {
    const app = new BotApplication({ controllers: [FileController], client: clientOptions });
    expect(app.container.resolve(FileController).client).toBe(app.client);
  });
});
