import { version } from '../../../package.json';

/** The ecs-delivery release these actions belong to (the root package.json, inlined at bundle time). */
export const VERSION: string = version;

/** The user agent suffix every AWS call carries, so requests can be traced to ecs-delivery. */
export const USER_AGENT = `ecs-delivery/${VERSION}`;
