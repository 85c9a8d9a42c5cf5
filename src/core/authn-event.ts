import type { Clock } from "./clock.ts";
import type { AuthnEvent } from "./grant.ts";
import { assertId } from "./keys.ts";

/**
 * An authentication event for `uid`, as the reference's `create_authn_event` makes it:
 * authenticated now, valid for `expiresIn` seconds (default one day).
 */
export function createAuthnEvent(
  uid: string,
  options: { clock?: Clock; authnInfo?: string; authnTime?: number; expiresIn?: number; [k: string]: unknown } = {},
): AuthnEvent {
  assertId(uid, "uid");
  const { clock, authnInfo = "urn:oasis:names:tc:SAML:2.0:ac:classes:Password", authnTime, expiresIn = 86400, ...extra } = options;
  const time = authnTime ?? (clock ? clock.now() : Math.floor(Date.now() / 1000));
  return { uid, authn_info: authnInfo, authn_time: time, valid_until: time + expiresIn, ...extra };
}
