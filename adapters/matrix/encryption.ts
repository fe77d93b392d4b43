import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { RustSdkCryptoStorageProvider, type ICryptoStorageProvider } from 'matrix-bot-sdk';
import type { Reply } from '../../src/types.js';
import type { MatrixConfig } from './config.js';

/**
 * End-to-end encryption, honestly: matrix-bot-sdk's Rust crypto needs the native module
 * @matrix-org/matrix-sdk-crypto-nodejs. This project installs a shim in its place
 * (packages/matrix-crypto-shim) that loads the real module when the operator provides it.
 * With the native module and MATRIX_ENCRYPTION=true, encryption is enabled (crypto store in
 * MATRIX_STORAGE_DIR/crypto, device id = the access token's device, kept in that folder).
 * Otherwise the bot posts one clear notice in each encrypted room and logs a warning.
 */

export interface NativeCrypto {
  native: boolean;
  /** Where the module was loaded from, or why it is unavailable. */
  detail: string;
}

interface ShimModule {
  shimStatus?: { native: boolean; source?: string; reason?: string };
  StoreType?: { Sqlite?: number };
}

function cryptoModule(): ShimModule {
  return createRequire(import.meta.url)('@matrix-org/matrix-sdk-crypto-nodejs') as ShimModule;
}

export function nativeCrypto(): NativeCrypto {
  try {
    const status = cryptoModule().shimStatus;
    if (!status) return { native: true, detail: 'the real @matrix-org/matrix-sdk-crypto-nodejs package' };
    return status.native ? { native: true, detail: status.source ?? 'native module' } : { native: false, detail: status.reason ?? 'native module unavailable' };
  } catch (e) {
    return { native: false, detail: (e as Error).message.split('\n')[0]! };
  }
}

/** The Rust crypto store when encryption is requested and possible; otherwise undefined (and why, logged). */
export function cryptoStoreFor(config: MatrixConfig, logger: Logger, crypto: NativeCrypto = nativeCrypto()): ICryptoStorageProvider | undefined {
  if (!config.encryption) return undefined;
  if (!crypto.native) {
    logger.error(
      { reason: crypto.detail },
      'MATRIX_ENCRYPTION=true but the native Matrix crypto module is unavailable: running WITHOUT encryption (encrypted rooms get a notice). Install it and set MATRIX_CRYPTO_NODEJS_PATH, or run behind pantalaimon.',
    );
    return undefined;
  }
  const dir = resolve(config.storageDir, 'crypto');
  mkdirSync(dir, { recursive: true });
  logger.info({ dir, module: crypto.detail }, 'matrix end-to-end encryption enabled: back up this folder together with the access token');
  const sqlite = cryptoModule().StoreType?.Sqlite ?? 1;
  return new RustSdkCryptoStorageProvider(dir, sqlite);
}

export const ENCRYPTED_ROOM_NOTICE = 'encrypted-room';
export const DECRYPTION_FAILED_NOTICE = 'decryption-failed';

/** Posted once in an encrypted room the bot cannot read. */
export function encryptedRoomNotice(): Reply {
  return {
    text: [
      '🔒 **Ce salon est chiffré de bout en bout, et je ne sais pas lire les messages chiffrés** : je ne pourrai donc pas vous répondre ici.',
      '',
      'Pour me poser vos questions sur la charte IA ou sur un outil d’IA :',
      '- écrivez-moi dans un **salon non chiffré** où vous m’invitez ;',
      '- ou demandez à l’administrateur de l’assistant de votre structure d’activer le chiffrement pour moi.',
      '',
      'En attendant, vos messages chiffrés restent illisibles pour moi : je ne les conserve pas.',
    ].join('\n'),
    meta: { escalate: false },
  };
}

/** Posted once per room when encryption is on but a message could not be decrypted. */
export function decryptionFailedNotice(): Reply {
  return {
    text:
      'Je n’ai pas pu déchiffrer un message de ce salon, je ne peux donc pas y répondre. Renvoyez-le dans quelques instants ; ' +
      'si cela persiste, écrivez-moi dans un salon non chiffré ou prévenez l’administrateur de l’assistant.',
    meta: { escalate: false },
  };
}
