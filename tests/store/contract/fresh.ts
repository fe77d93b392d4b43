import { afterEach, beforeEach } from 'vitest';
import type { Stores } from '../../../src/store/escalation-types.js';
import type { StoreBackend, TestDatabase } from './backends.js';

/** A fresh database and stores opened on it before each test, closed and removed after it. */
export function freshStores(backend: StoreBackend): { readonly db: TestDatabase; readonly stores: Stores } {
  const current: { db?: TestDatabase; stores?: Stores } = {};
  beforeEach(async () => {
    current.db = await backend.create();
    current.stores = await current.db.open();
  });
  afterEach(async () => {
    await current.stores?.close();
    await current.db?.dispose();
    current.db = undefined;
    current.stores = undefined;
  });
  return {
    get db() {
      return current.db!;
    },
    get stores() {
      return current.stores!;
    },
  };
}

/** A fresh database only (the test opens stores itself), removed after each test. */
export function freshDatabase(backend: StoreBackend): { readonly db: TestDatabase } {
  const current: { db?: TestDatabase } = {};
  beforeEach(async () => {
    current.db = await backend.create();
  });
  afterEach(async () => {
    await current.db?.dispose();
    current.db = undefined;
  });
  return {
    get db() {
      return current.db!;
    },
  };
}
