import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '@app/application';
import { isDatabaseUnavailable } from '@app/persistence';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [ErrorCode.InvalidOutput]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CompileFailed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.InstanceEnded]: HttpStatus.CONFLICT,
  [ErrorCode.NoSubscription]: HttpStatus.NOT_FOUND,
  [ErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/**
 * The one exception filter: domain error codes → HTTP status, everything as
 * `application/problem+json` (RFC 9457). A database that cannot be reached is a 503, not a 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    let status = 500;
    let detail = 'An unexpected error occurred.';
    let code: string | undefined;
    let problems: unknown;
    if (exception instanceof DomainError) {
      status = STATUS[exception.code] ?? 500;
      detail = exception.message;
      code = exception.code;
      problems = exception.problems;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse() as string | { message?: string | string[] };
      const message = typeof body === 'string' ? body : body.message;
      detail = Array.isArray(message) ? message.join('; ') : (message ?? exception.message);
      if (Array.isArray(message)) problems = message.map((m) => ({ message: m }));
    } else if (isDatabaseUnavailable(exception)) {
      status = 503;
      code = ErrorCode.Unavailable;
      detail = 'The database is unavailable; try again shortly.';
    } else {
      // Messages of unexpected errors stay in the log (ids only, never request bodies).
      this.logger.error(`${req.method} ${req.route?.path ?? 'unknown route'}: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    if (status === 503) res.setHeader('Retry-After', '5');
    res
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify({
        type: code ? `urn:referral-pathways:problem:${code}` : 'about:blank',
        title: TITLES[status] ?? 'Error',
        status,
        detail,
        ...(code ? { code } : {}),
        ...(problems ? { problems } : {}),
        instance: req.originalUrl?.split('?')[0],
      }));
  }
}
