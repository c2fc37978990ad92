// `pnpm demo`: the demo bot answering a scripted conversation on an embedded local DC; exits 0 when
// it answered every line.
import { runDemo } from './script';

void runDemo();
