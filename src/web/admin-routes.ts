// Admin pages, registered in one place: users (admin-user-routes.ts) and API keys (admin-key-routes.ts), each route
// guarded for admins.
import { Router } from 'express';
import type { ApiKeyService } from '../auth/api-keys';
import type { UserService } from '../auth/users';
import { registerApiKeyAdminRoutes } from './admin-key-routes';
import { registerUserAdminRoutes } from './admin-user-routes';
import { pageAccess } from './page-access';

export function adminRoutes(users: UserService, apiKeys: ApiKeyService): Router {
  const router = Router({ caseSensitive: true });
  const admin = pageAccess.roles('admin');
  registerUserAdminRoutes(router, users, admin);
  registerApiKeyAdminRoutes(router, apiKeys, admin);
  return router;
}
