/**
 * Text messages to applicants. Implementations must be idempotent by `messageId`: a
 * retried job sends (or records) one message, not two.
 */
export interface SmsGateway {
  send(
    messageId: string,
    message: { phone: string; text: string; template: string },
  ): Promise<void>;
}

/** Injection token: bind the operator's SMS client in production, the recorder otherwise. */
export const SMS_GATEWAY = Symbol('SmsGateway');
