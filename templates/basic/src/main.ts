// `npm start`: runs the bot as a service with the settings in the environment or .env (see
// .env.example), until SIGTERM or Ctrl+C.
import { runBot } from 'mtbot';
import { botOptions } from './bot';

void runBot(botOptions);
