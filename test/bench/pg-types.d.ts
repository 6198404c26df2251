/**
 * The part of `pg` the benchmark uses (the package ships no types and @types/pg is not a
 * dependency). Only what is called here, with the shapes pg documents.
 */
declare module 'pg' {
  interface QueryResult {
    rowCount: number | null;
    rows: Record<string, unknown>[];
  }
  interface Queryable {
    query(text: string, values?: unknown[]): Promise<QueryResult>;
  }
  interface PoolClient extends Queryable {
    release(): void;
  }
  interface Pool extends Queryable {
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
  }
  interface Client extends Queryable {
    connect(): Promise<void>;
    end(): Promise<void>;
  }
  const pg: {
    Pool: new (config: { connectionString: string; max?: number }) => Pool;
    Client: new (config: { connectionString: string }) => Client;
  };
  export default pg;
}
