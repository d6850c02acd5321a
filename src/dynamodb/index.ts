export { lockDirectory } from './lock.ts';
export { type Store, type StoreOptions, startStore } from './store.ts';
