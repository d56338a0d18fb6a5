// A local SMTP server that accepts and counts messages (for infra/bench/digests). Prints "listening PORT"; on
// SIGUSR2 prints "received N messages, B bytes".
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../tests/package.json', import.meta.url));
const { SMTPServer } = require('smtp-server');

let messages = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true, // a lookup per connection would be measured, not the sending
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', (chunk) => { bytes += chunk.length; });
    stream.on('end', () => { messages += 1; callback(); });
  },
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.server.address().port}`));
process.on('SIGUSR2', () => console.log(`received ${messages} messages, ${bytes} bytes`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
