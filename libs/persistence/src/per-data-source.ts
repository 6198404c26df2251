import type { DataSource } from 'typeorm';

/**
 * `make`, called once per data source and kept for as long as the data source lives:
 * for the fixed statements and readers built from its metadata. An app has one data
 * source; tests make several.
 */
export function perDataSource<T>(
  make: (dataSource: DataSource) => T,
): (dataSource: DataSource) => T {
  const made = new WeakMap<DataSource, T>();
  return (dataSource) => {
    let value = made.get(dataSource);
    if (value === undefined) {
      value = make(dataSource);
      made.set(dataSource, value);
    }
    return value;
  };
}
