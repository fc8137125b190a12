import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { APP_CONFIG, type AppConfig } from '@fantamercato/core';
import { TOKEN_ISSUER, toAuthenticatedUser, type AuthenticatedUser } from '../access-tokens.js';
import { AuthService } from '../auth.service.js';
import { signingKey } from '../signing-key.js';
import type { SessionUser } from '../sessions.js';

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  validate(email: string, password: string): Promise<SessionUser> {
    return this.auth.checkCredentials({ email, password });
  }
}

/** Stateless: the token's claims are the caller; no database round trip per request. */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken takes a KeyObject; passport-jwt's types only know strings and Buffers.
      secretOrKey: signingKey(config.jwtSecret) as unknown as string,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      ignoreExpiration: false,
    });
  }

  validate(claims: Parameters<typeof toAuthenticatedUser>[0]): AuthenticatedUser {
    return toAuthenticatedUser(claims);
  }
}
