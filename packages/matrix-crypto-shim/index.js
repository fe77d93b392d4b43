'use strict';
/**
 * Stand-in for @matrix-org/matrix-sdk-crypto-nodejs (installed through an npm override).
 *
 * The real package downloads its native library from outside npm at install time, which fails on
 * isolated hosts. This shim:
 *   1. loads the real module when one is available: the directory named by MATRIX_CRYPTO_NODEJS_PATH,
 *      or ./native/ next to this file (a copy of the real package, native library included);
 *   2. otherwise exports the same names as stubs, so matrix-bot-sdk loads; a stub throws a clear
 *      error only when encryption is actually used (constructing a class or calling a function).
 * `shimStatus` tells which case applies ({ native: true, source } or { native: false, reason }).
 */
const { existsSync } = require('node:fs');
const path = require('node:path');

const CLASSES = [
  'Attachment', 'CrossSigningStatus', 'Curve25519PublicKey', 'DecryptedRoomEvent', 'DeviceId', 'DeviceKeyAlgorithm',
  'DeviceKeyId', 'DeviceLists', 'Ed25519PublicKey', 'Ed25519Signature', 'EncryptedAttachment', 'EncryptionSettings',
  'IdentityKeys', 'KeysBackupRequest', 'KeysClaimRequest', 'KeysQueryRequest', 'KeysUploadRequest', 'MaybeSignature',
  'OlmMachine', 'RoomId', 'RoomMessageRequest', 'ServerName', 'ShieldState', 'Signature', 'SignatureUploadRequest',
  'Signatures', 'ToDeviceRequest', 'UserId', 'Versions',
];

/** Enum values, as the real 0.1.0-beta.6 binding exports them. */
const ENUMS = {
  EncryptionAlgorithm: { OlmV1Curve25519AesSha2: 0, MegolmV1AesSha2: 1 },
  ShieldColor: { Red: 0, Grey: 1, None: 2 },
  HistoryVisibility: { Invited: 0, Joined: 1, Shared: 2, WorldReadable: 3 },
  DeviceKeyAlgorithmName: { Ed25519: 0, Curve25519: 1, SignedCurve25519: 2, Unknown: 3 },
  StoreType: { Sled: 0, Sqlite: 1 },
  RequestType: { KeysUpload: 0, KeysQuery: 1, KeysClaim: 2, ToDevice: 3, SignatureUpload: 4, RoomMessage: 5, KeysBackup: 6 },
};

function candidates() {
  const list = [];
  const fromEnv = process.env.MATRIX_CRYPTO_NODEJS_PATH;
  if (fromEnv && fromEnv.trim()) list.push({ dir: path.resolve(fromEnv.trim()), label: 'MATRIX_CRYPTO_NODEJS_PATH' });
  const local = path.join(__dirname, 'native');
  if (existsSync(path.join(local, 'index.js'))) list.push({ dir: local, label: 'packages/matrix-crypto-shim/native' });
  return list;
}

function loadReal() {
  const reasons = [];
  for (const c of candidates()) {
    try {
      const mod = require(c.dir);
      if (mod && typeof mod.OlmMachine === 'function') return { mod, source: `${c.label} (${c.dir})` };
      reasons.push(`${c.label}: ${c.dir} is not the matrix-sdk-crypto-nodejs package`);
    } catch (e) {
      reasons.push(`${c.label}: ${String((e && e.message) || e).split('\n')[0]}`);
    }
  }
  if (!reasons.length) reasons.push('native library not installed (MATRIX_CRYPTO_NODEJS_PATH is not set and packages/matrix-crypto-shim/native/ is absent)');
  return { reason: reasons.join('; ') };
}

const real = loadReal();

if (real.mod) {
  for (const key of Object.keys(real.mod)) module.exports[key] = real.mod[key];
  module.exports.shimStatus = Object.freeze({ native: true, source: real.source });
} else {
  const message =
    'Matrix end-to-end encryption needs the native module @matrix-org/matrix-sdk-crypto-nodejs, ' +
    `which is not available here (${real.reason}). Set MATRIX_ENCRYPTION=false, or install the real ` +
    'package on a host with internet access and point MATRIX_CRYPTO_NODEJS_PATH to it (see the Matrix section of the README).';
  const fail = (name) => {
    const err = new Error(`${name}: ${message}`);
    err.code = 'MATRIX_CRYPTO_UNAVAILABLE';
    return err;
  };
  for (const name of CLASSES) {
    // A class whose construction and static factories throw; merely referencing it is harmless.
    const Stub = class {
      constructor() {
        throw fail(name);
      }
    };
    Object.defineProperty(Stub, 'name', { value: name });
    for (const factory of ['initialize', 'withSledBackend', 'encrypt', 'decrypt', 'fromBase64']) {
      Stub[factory] = () => {
        throw fail(`${name}.${factory}`);
      };
    }
    module.exports[name] = Stub;
  }
  for (const [name, values] of Object.entries(ENUMS)) module.exports[name] = Object.freeze({ ...values });
  module.exports.getVersions = () => {
    throw fail('getVersions');
  };
  module.exports.shimStatus = Object.freeze({ native: false, reason: real.reason });
}
