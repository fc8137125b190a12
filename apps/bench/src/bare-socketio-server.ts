import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The baseline for live latency: Socket.IO alone, with nothing behind it. Clients join one room;
 * POST /emit broadcasts the posted JSON to that room, as our gateway broadcasts a bid.
 */
const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') return void res.writeHead(404).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    io.to('league').emit('bid.accepted', JSON.parse(body));
    res.writeHead(204).end();
  });
});
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => void socket.join('league'));
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => process.exit(0));
