import { describeStores } from './contract/index.js';
import { sqliteBackend } from './contract/backends.js';

describeStores('SQLite stores (contract)', sqliteBackend);
