/**
 * The Bot Framework adapter (botbuilder 4.23 CloudAdapter) with credentials from the
 * configuration: a client secret, a certificate or a user-assigned managed identity, single
 * tenant. Without credentials, authentication is off and only loopback traffic is accepted
 * (the Agents Playground, local tests): in AUTH_MODE=local only, src/config.ts refuses it in entra.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Response as AdapterResponse,
} from 'botbuilder';
import type { NextFunction, Response } from 'express';
import type { BotCredentials } from '../src/config.js';
import { DomainError, details } from '../src/domain/errors.js';

export function authenticationOptions(credentials: BotCredentials): ConfigurationBotFrameworkAuthenticationOptions {
  switch (credentials.kind) {
    case 'none':
      return {};
    case 'secret':
      return {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.password,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: credentials.tenantId,
      };
    case 'certificate':
      return {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: credentials.tenantId,
        CertificateThumbprint: credentials.thumbprint,
        CertificatePrivateKey: credentials.privateKey,
      };
    case 'managedIdentity':
      return { MicrosoftAppId: credentials.appId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: credentials.tenantId };
  }
}

export function createAdapter(credentials: BotCredentials, log: (message: string, error?: unknown) => void): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticationOptions(credentials)));
  adapter.onTurnError = async (context, error) => {
    log(`bot: turn failed (${context.activity.type} ${context.activity.name ?? ''})`, error);
    if (context.activity.type === 'message') {
      const sv = !context.activity.locale?.toLowerCase().startsWith('en');
      await context
        .sendActivity(
          sv ? 'Något gick fel hos mig. Försök igen om en stund.' : 'Something went wrong on my side. Please try again in a while.',
        )
        .catch(() => undefined);
    }
  };
  return adapter;
}

/** The app id the bot acts as when it starts a conversation turn itself (empty without credentials). */
export function botAppIdOf(credentials: BotCredentials): string {
  return credentials.kind === 'none' ? '' : credentials.appId;
}

/** The adapter's own failures (it answers them in plain text, with an exception's message) as the board's errors. */
function adapterFailure(status: number): DomainError {
  if (status === 401 || status === 403) return new DomainError('unauthenticated');
  if (status >= 400 && status < 500)
    return new DomainError('invalid_input', details('ingen giltig Bot Framework-aktivitet.', 'not a valid Bot Framework activity.'));
  return new DomainError('internal');
}

/**
 * The response the adapter writes to (CloudAdapter.process: status, header, send, end): what the
 * bot answers (invoke responses, bare status codes) passes through; an error text the adapter
 * answers itself (an exception's message) goes to the server's error handler instead, so no
 * exception text reaches the caller.
 */
export function adapterResponse(res: Response, next: NextFunction): AdapterResponse {
  let status = 200;
  let failed = false;
  const answer: AdapterResponse = {
    socket: res.socket,
    status(code: number) {
      status = code;
      return answer;
    },
    header(name: string, value: unknown) {
      res.header(name, String(value));
      return answer;
    },
    send(body?: unknown) {
      // An invoke response (an object) is the bot's answer, whatever its status; text is the adapter's own.
      if (status >= 400 && (typeof body !== 'object' || body === null)) failed = true;
      else res.status(status).send(body);
      return answer;
    },
    end() {
      if (failed) next(adapterFailure(status));
      else if (!res.headersSent) res.status(status).end();
      return answer;
    },
  };
  return answer;
}
