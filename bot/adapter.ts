/**
 * The Bot Framework adapter (botbuilder 4.23 CloudAdapter) with credentials from the
 * configuration: a client secret, a certificate or a user-assigned managed identity, single
 * tenant. Without credentials, authentication is off and only loopback traffic is accepted
 * (the Agents Playground, local tests).
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { BotCredentials } from '../src/config.js';

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
        .sendActivity(sv ? 'Något gick fel hos mig. Försök igen om en stund.' : 'Something went wrong on my side. Please try again in a while.')
        .catch(() => undefined);
    }
  };
  return adapter;
}

/** The app id the bot acts as when it starts a conversation turn itself (empty without credentials). */
export function botAppIdOf(credentials: BotCredentials): string {
  return credentials.kind === 'none' ? '' : credentials.appId;
}
