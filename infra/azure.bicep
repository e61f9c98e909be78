// DPO Board in Azure: a Linux App Service on Node 20 running the server (tab, API and bot on one
// host), a user-assigned managed identity as the bot's identity (no bot secret to keep), and the
// Azure Bot resource with its Teams channel. Deployed by `arm/deploy` in teamsapp.yml; every output
// is written to env/.env.<environment> by the Toolkit.

@maxLength(20)
@minLength(4)
@description('Base name of every resource; lower case (Teams SSO on Android needs a lower-case domain).')
param resourceBaseName string

@description('App Service plan SKU, e.g. B1 or P0v3.')
param webAppSku string = 'B1'

param location string = resourceGroup().location

@maxLength(42)
param botDisplayName string

@description('Client id of the Entra app for Teams SSO and Graph (aadApp/create in teamsapp.yml).')
param aadAppClientId string

@description('Tenant of the Entra app; tokens from it are accepted.')
param aadAppTenantId string

@secure()
@description('Client secret of the Entra app: on-behalf-of and app-only Graph calls (Sites.Selected).')
param aadAppClientSecret string

@description('The SharePoint site that holds the board lists, e.g. https://contoso.sharepoint.com/sites/dpo-board.')
param sharePointSiteUrl string

@description('The Teams app id (TEAMS_APP_ID), used for deep links into the tab.')
param teamsAppId string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: toLower(resourceBaseName)
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // As `npm run start:prod`: a 2 MB young generation keeps RSS under 150 MB under load (README, Benchmarks).
      appCommandLine: 'node --max-semi-space-size=2 dist/server/src/server.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// Settings read by src/config.ts (see .env.example); set after the site exists so they can name its host.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'true'
    NODE_ENV: 'production'
    DATA_DIR: '/home/data'
    PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
    STORE: 'sharepoint'
    SHAREPOINT_SITE_URL: sharePointSiteUrl
    AUTH_MODE: 'entra'
    ENTRA_CLIENT_ID: aadAppClientId
    ENTRA_TENANT_ID: aadAppTenantId
    ENTRA_APP_ID_URI: 'api://${webApp.properties.defaultHostName}/${aadAppClientId}'
    // The SharePoint store's Graph app is the SSO app: one credential, and on-behalf-of needs it.
    GRAPH_TENANT_ID: aadAppTenantId
    GRAPH_CLIENT_ID: aadAppClientId
    GRAPH_CLIENT_SECRET: aadAppClientSecret
    TEAMS_APP_ID: teamsAppId
    MICROSOFT_APP_TYPE: 'UserAssignedMSI'
    MICROSOFT_APP_ID: identity.properties.clientId
    MICROSOFT_APP_TENANT_ID: identity.properties.tenantId
  }
}

module azureBot './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
