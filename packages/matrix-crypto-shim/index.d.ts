/**
 * Types of the shim: the subset of @matrix-org/matrix-sdk-crypto-nodejs that matrix-bot-sdk 0.7.1's
 * declarations reference, plus `shimStatus`.
 */
export declare enum StoreType {
  Sled = 0,
  Sqlite = 1,
}

export declare class OlmMachine {
  static initialize(userId: unknown, deviceId: unknown, storePath?: string | null, storePassphrase?: string | null, storeType?: StoreType | null): Promise<OlmMachine>;
  [key: string]: unknown;
}

/** Whether the real native module was loaded, and from where or why not. */
export declare const shimStatus: { readonly native: true; readonly source: string } | { readonly native: false; readonly reason: string };
