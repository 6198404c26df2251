// class-transformer 0.5 keeps its @Type metadata in a module its index does not
// re-export; class-validator-jsonschema needs it to follow nested classes.
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
  export const defaultMetadataStorage: MetadataStorage;
}
