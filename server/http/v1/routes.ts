// Every authenticated /api/v1 endpoint, in the order the OpenAPI document lists them.
// A route is registered and documented from this one list.
import { createFirRoute } from './create-fir';
import { getFirRoute } from './get-fir';
import { listFirsRoute } from './list-firs';
import { registerFirRoute } from './register-fir';
import { searchSectionsRoute } from './search-sections';
import type { V1Route } from './with-api-key';

export const V1_ROUTES: readonly V1Route[] = [listFirsRoute, createFirRoute, getFirRoute, registerFirRoute, searchSectionsRoute];
