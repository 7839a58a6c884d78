/**
 * Admin authentication (Authorization: Bearer <token>, compared in constant time) and the admin
 * routes that control this process's workers.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GlossaError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { ErrorBody } from '../schemas.js';

export function requireAdmin(ctx: ApiContext): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const token = ctx.config.adminToken;
    if (token === undefined) throw new GlossaError('UNAUTHORIZED', 'admin routes are disabled: no admin token is configured (GLOSSA_ADMIN_TOKEN)');
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new GlossaError('UNAUTHORIZED', 'missing or wrong admin token (Authorization: Bearer <token>)');
  };
}

export function registerAdminRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const workers = ctx.deps.workers;
  if (workers === undefined) return;
  for (const action of ['pause', 'resume'] as const) {
    app.post(`/api/v1/admin/workers/${action}`, {
      preHandler: requireAdmin(ctx),
      schema: {
        summary: action === 'pause'
          ? 'Admin: stop this process\'s workers taking messages (in-flight ones finish); requests stay queued'
          : 'Admin: let this process\'s workers consume again',
        tags: ['admin'],
        response: { 204: { type: 'null', description: 'Done' }, 401: ErrorBody },
      },
    }, async (request, reply) => {
      await workers[action]();
      request.log.info({ action }, 'admin: workers');
      return reply.code(204).send();
    });
  }
}
