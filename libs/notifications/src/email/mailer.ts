/**
 * E-mail through nodemailer over SMTP. The address is looked up at send time (never carried in
 * a job); the Message-ID is derived from the delivery, so a mail sent twice (a worker that died
 * between sending and recording it) can be recognised as the same by the receiving side.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable id of this mail (e.g. `ntf-email-42`). */
  messageKey: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAILER = Symbol('MAILER');

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string, timeoutMs = 10_000) {
    this.transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
    } as never);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const domain = (/@([^>\s]+)/.exec(this.from)?.[1] ?? 'referral-pathways.local').replace(/[^A-Za-z0-9.-]/g, '');
    await this.transport.sendMail({
      from: this.from, to: mail.to, subject: mail.subject, text: mail.text,
      messageId: `<${mail.messageKey}@${domain}>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
  }

  close(): void {
    this.transport.close();
  }
}
