/** The transport a request came over, and a way to cut it (fault tests, kicking a client). */
export interface RequestConnection {
  readonly transport: 'tcp' | 'websocket' | 'http';
  readonly remoteAddress: string;
  /** Closes the connection (for HTTP: answers the request with nothing). */
  close(): void;
}
