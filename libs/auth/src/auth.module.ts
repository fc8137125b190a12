import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@fantamercato/core';
import { AccessTokens, TOKEN_ISSUER } from './access-tokens.js';
import { AuthService } from './auth.service.js';
import { AdminGuard } from './http/admin.js';
import { AuthController, MeController, SessionsController } from './http/auth.controller.js';
import { AuthRateLimitGuard, JwtAuthGuard } from './http/guards.js';
import { JwtStrategy, LocalStrategy } from './http/strategies.js';
import { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { Sessions } from './sessions.js';
import { signingKey } from './signing-key.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: signingKey(config.jwtSecret),
        signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER },
        verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER },
      }),
    }),
  ],
  controllers: [AuthController, SessionsController, MeController],
  providers: [
    UsersRepository,
    AuthService,
    AccessTokens,
    Sessions,
    LocalStrategy,
    JwtStrategy,
    AuthRateLimitGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    // After the token guard, which puts the caller on the request.
    { provide: APP_GUARD, useClass: AdminGuard },
  ],
  exports: [AccessTokens, Sessions, UsersRepository],
})
export class AuthModule {}
