import type { FileTransfersFactory } from './file-transfer-worker';

export const gramjsFileTransfers: FileTransfersFactory = () => Promise.reject(new Error('not yet'));
