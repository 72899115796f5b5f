import type { Config } from '../config/env';
import { createOutboxMailer, createResendMailer, type Mailer } from './mailer';

export function createMailer(config: Pick<Config, 'RESEND_API_KEY' | 'RESEND_BASE_URL'>): Mailer {
  return config.RESEND_API_KEY ? createResendMailer(config.RESEND_API_KEY, config.RESEND_BASE_URL) : createOutboxMailer();
}
