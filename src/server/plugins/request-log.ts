import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * One JSON line per request, written when the response is done: Fastify's «incoming request» line
 * is dropped and «request completed» carries the method, URL and client address as well. Both go
 * through the request's child logger, so a route's `logLevel` applies — /healthz and /readyz (polled
 * by monit and nginx) log at `warn` and stay out of the journal. Fastify's other log lines (error
 * handler, route not found, stream errors) are unchanged.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      req: { method: request.method, url: request.url, remoteAddress: request.ip },
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
