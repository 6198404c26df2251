/**
 * Redis does not answer, so a command that must put a job on a queue itself (not through
 * the outbox) cannot be done now. Nothing was changed: the API answers 503 with
 * Retry-After, as for a database that is down.
 */
export class QueuesUnavailable extends Error {
  constructor(what: string) {
    super(`Redis is unreachable: ${what}. Nothing was changed; send the request again later.`);
    this.name = 'QueuesUnavailable';
  }
}
