// MerchantDisputes on Azure: the production shape of docs/operations.md.
//
//   Linux App Service plan (per-site scaling)
//     ├─ <prefix>-web   Hangfire__Mode=WebOnly   pages and API, N instances, stateless
//     └─ <prefix>-jobs  Hangfire__Mode=JobsOnly  deadline sweep, outbox, orphan sweep; health endpoints only
//   Azure SQL (Entra-only authentication): data, Hangfire storage, data-protection keys
//   Storage account: evidence, evidence-thumbnails, evidence-originals (private; soft delete, versioning,
//                    change feed and point-in-time restore over the same window as the database's backups)
//   Key Vault: the two secrets that remain (SMTP password, first admin's password), read as Key Vault references
//
// Both apps reach SQL and blobs as their system-assigned managed identities (no keys, no SQL passwords).
// Azure SQL users for the identities cannot be created by ARM: run the `sqlGrantScript` output as the Entra admin.
//
//   az deployment group create -g <rg> -f infra/azure/main.bicep -p infra/azure/main.parameters.json
//
// Every key of the README's configuration table is set below, except those the production shape never reads:
// ConnectionStrings__Sqlite, Database__SqliteBusyTimeoutSeconds (SQLite only), Evidence__RootPath (folder store only),
// Evidence__ConnectionString (left empty on purpose: Evidence__ServiceUri with the managed identity is used instead),
// OTEL_EXPORTER_OTLP_ENDPOINT (Telemetry__OtlpEndpoint carries the collector's address), ForwardedHeaders__KnownProxies
// (the front end is a range, ForwardedHeaders__KnownNetworks).

targetScope = 'resourceGroup'

@description('Lowercase letters and digits; prefixes every resource name.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'mdisputes'

param location string = resourceGroup().location

@description('App Service plan SKU (Linux). P1v3 or larger for production.')
param appServiceSku string = 'P1v3'

@description('Instances of the web app (stateless; behind the App Service front end).')
@minValue(1)
@maxValue(30)
param webInstanceCount int = 2

@description('Instances of the job app. One is enough; more share the work through Hangfire on SQL Server.')
@minValue(1)
@maxValue(10)
param jobInstanceCount int = 1

@description('App Service runtime stack. A container image ("DOCKER|<registry>/merchantdisputes:<tag>") also works.')
param linuxFxVersion string = 'DOTNETCORE|10.0'

@description('Display name of the Entra group (or user) that administers Azure SQL.')
param sqlAdminLogin string

@description('Object id of that Entra group (or user).')
param sqlAdminObjectId string

@allowed([
  'Group'
  'User'
  'Application'
])
param sqlAdminPrincipalType string = 'Group'

@description('Azure SQL database SKU.')
param sqlDatabaseSku object = {
  name: 'S1'
  tier: 'Standard'
}

@description('Days of point-in-time restore for the database, and the same window for the evidence blobs.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int = 14

@description('Lets Azure services reach SQL through its public endpoint (App Service without VNet integration needs it).')
param allowAzureServicesToSql bool = true

@description('Storage redundancy for the evidence account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('The first admin, created once at the web app\'s first start (Bootstrap:AdminEmail).')
param bootstrapAdminEmail string = ''

@secure()
@description('The first admin\'s password, kept in Key Vault. Clear it (and the secret) once the admin has signed in.')
param bootstrapAdminPassword string = ''

@allowed([
  'PickupFolder'
  'Smtp'
])
param emailDelivery string = 'Smtp'

param emailFrom string = ''
param smtpHost string = ''
param smtpPort int = 587
param smtpEnableSsl bool = true
param smtpUser string = ''

@secure()
@description('Kept in Key Vault as "smtp-password"; rotate by adding a new secret version (docs/operations.md).')
param smtpPassword string = ''

@description('The address people reach the site at, for links in e-mails (App:PublicBaseUrl); empty: the web app\'s azurewebsites.net address.')
param publicBaseUrl string = ''

@description('The address range the App Service front end connects to the app from (ForwardedHeaders:KnownNetworks): its X-Forwarded-For is believed, nobody else\'s. Check it against the front end\'s address in the app\'s logs after the first deployment.')
param trustedProxyNetwork string = '169.254.0.0/16'

@description('Escalation windows and the sweep schedule (TimeSpan "d.hh:mm:ss", cron).')
param platformResponseWindow string = '7.00:00:00'
param reminderWindow string = '3.00:00:00'
param legalReviewWindow string = '7.00:00:00'
param merchantInfoWindow string = '7.00:00:00'
param autoResolveWindow string = '7.00:00:00'
param sweepCron string = '* * * * *'
param outboxCron string = '* * * * *'
param orphanCron string = '0 * * * *'

@minValue(1)
@maxValue(64)
param hangfireWorkerCount int = 2
param hangfireSchedulePollingInterval string = '00:00:15'

@description('Evidence limits (README "Evidence:Limits:*"). Keep MaxFileBytes below any proxy body limit.')
param evidenceMaxFileBytes int = 10485760
param evidenceMaxPixels int = 50000000
param evidenceMaxSide int = 32768
param evidenceMaxFilesPerCase int = 20
param evidenceMaxBytesPerCase int = 104857600
param evidenceMaxThumbnailSide int = 320

@description('OTLP collector (for example an OpenTelemetry Collector or Azure Monitor\'s); empty exports nothing.')
param otlpEndpoint string = ''

@allowed([
  'grpc'
  'http/protobuf'
])
param otlpProtocol string = 'grpc'

param tags object = {
  application: 'MerchantDisputes'
}

var prefix = toLower(namePrefix)
var suffix = uniqueString(resourceGroup().id, prefix)
var webAppName = '${prefix}-web-${suffix}'
var jobsAppName = '${prefix}-jobs-${suffix}'
var storageName = take('${replace(prefix, '-', '')}${suffix}', 24)
var keyVaultName = take('${prefix}-kv-${suffix}', 24)
var databaseName = 'MerchantDisputes'
var evidenceContainers = [
  'evidence'
  'evidence-thumbnails'
  'evidence-originals'
]

// Built-in role definition ids.
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------- Azure SQL

resource sqlServer 'Microsoft.Sql/servers@2023-08-01' = {
  name: '${prefix}-sql-${suffix}'
  location: location
  tags: tags
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: sqlAdminLogin
      sid: sqlAdminObjectId
      principalType: sqlAdminPrincipalType
      tenantId: subscription().tenantId
    }
  }
}

resource sqlAllowAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01' = if (allowAzureServicesToSql) {
  parent: sqlServer
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.Sql/servers/databases@2023-08-01' = {
  parent: sqlServer
  name: databaseName
  location: location
  tags: tags
  sku: sqlDatabaseSku
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS'
    requestedBackupStorageRedundancy: 'Geo'
  }
}

resource databaseBackups 'Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies@2023-08-01' = {
  parent: database
  name: 'default'
  properties: {
    retentionDays: backupRetentionDays
  }
}

// ---------------------------------------------------------------- Evidence storage

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    // Identities only: no account keys, no SAS signed with them.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Point-in-time restore of block blobs needs versioning, change feed and soft delete longer than its window.
    isVersioningEnabled: true
    changeFeed: {
      enabled: true
    }
    deleteRetentionPolicy: {
      enabled: true
      days: backupRetentionDays + 1
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: backupRetentionDays + 1
    }
    restorePolicy: {
      enabled: true
      days: backupRetentionDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in evidenceContainers: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

// ---------------------------------------------------------------- Secrets

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: keyVault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}

resource adminPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(bootstrapAdminPassword)) {
  parent: keyVault
  name: 'bootstrap-admin-password'
  properties: {
    value: bootstrapAdminPassword
  }
}

// Versionless references: App Service picks up a new secret version within a day, or at once on restart.
var smtpPasswordReference = empty(smtpPassword) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/smtp-password)'
var adminPasswordReference = empty(bootstrapAdminPassword) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/bootstrap-admin-password)'

// ---------------------------------------------------------------- App Service

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${prefix}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: max(webInstanceCount, jobInstanceCount)
  }
  properties: {
    reserved: true
    // Each app chooses its own instance count (numberOfWorkers), so the job app stays at one.
    perSiteScaling: true
  }
}

// Settings both apps share: every key of the README's configuration table that this shape reads.
var sharedSettings = {
  ASPNETCORE_ENVIRONMENT: 'Production'
  // TLS ends at the App Service front end; trust its X-Forwarded-Proto/For so that HSTS, cookies and links see https,
  // from the front end's range only: a client's own X-Forwarded-For must not choose the address rate limits count.
  ASPNETCORE_FORWARDEDHEADERS_ENABLED: 'true'
  ForwardedHeaders__KnownNetworks__0: trustedProxyNetwork
  // DefaultAzureCredential tries only the managed identity here (blobs, and SQL through SqlClient).
  AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential'
  // /home is the plan's persistent share; only the pickup-folder mail delivery writes there.
  DataDirectory: '/home/data'
  Database__Provider: 'SqlServer'
  Database__ConnectTimeoutSeconds: '30'
  // Migrations are applied by the operator with the idempotent script (docs/operations.md), never by an instance.
  Database__ApplyMigrationsAtStartup: 'false'
  ConnectionStrings__SqlServer: 'Server=tcp:${sqlServer.properties.fullyQualifiedDomainName},1433;Database=${databaseName};Authentication=Active Directory Default;Encrypt=True;TrustServerCertificate=False;Connect Timeout=30'
  Evidence__Store: 'AzureBlob'
  Evidence__ConnectionString: ''
  Evidence__ServiceUri: storage.properties.primaryEndpoints.blob
  Evidence__MaxRetries: '2'
  Evidence__NetworkTimeoutSeconds: '10'
  Evidence__Limits__MaxFileBytes: string(evidenceMaxFileBytes)
  Evidence__Limits__MaxPixels: string(evidenceMaxPixels)
  Evidence__Limits__MaxSide: string(evidenceMaxSide)
  Evidence__Limits__MaxFilesPerCase: string(evidenceMaxFilesPerCase)
  Evidence__Limits__MaxBytesPerCase: string(evidenceMaxBytesPerCase)
  Evidence__Limits__MaxThumbnailSide: string(evidenceMaxThumbnailSide)
  Escalation__PlatformResponseWindow: platformResponseWindow
  Escalation__ReminderWindow: reminderWindow
  Escalation__LegalReviewWindow: legalReviewWindow
  Escalation__MerchantInfoWindow: merchantInfoWindow
  Escalation__AutoResolveWindow: autoResolveWindow
  Escalation__SweepCron: sweepCron
  Hangfire__Storage: 'SqlServer'
  Hangfire__WorkerCount: string(hangfireWorkerCount)
  Hangfire__SchedulePollingInterval: hangfireSchedulePollingInterval
  Hangfire__OutboxCron: outboxCron
  // The orphan sweep's grace: blobs younger than this may belong to an upload still in flight.
  Hangfire__OrphanGrace: '01:00:00'
  Hangfire__OrphanCron: orphanCron
  App__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${webAppName}.azurewebsites.net/' : publicBaseUrl
  Email__Delivery: emailDelivery
  Email__From: emailFrom
  Email__SmtpHost: smtpHost
  Email__SmtpPort: string(smtpPort)
  Email__SmtpEnableSsl: string(smtpEnableSsl)
  Email__SmtpUser: smtpUser
  Email__SmtpPassword: smtpPasswordReference
  Escalation__FinalNoticeWindow: '5wd'
  Escalation__OfficeHours: '09:00-18:00'
  Disputes__DailySubmissionLimit: '5'
  PublicTransparency__UncachedPerMinute: '60'
  Evidence__Limits__MaxJpegScans: '100'
  Evidence__Limits__MaxDecodeTime: '00:00:15'
  Evidence__Limits__MaxConcurrentDecodes: '0'
  RateLimits__ConcurrentUploadsPerAccount: '2'
  RateLimits__ExportsPerHour: '3'
  Evidence__Pdf__Pdftoppm: 'pdftoppm'
  Evidence__Pdf__Pdfinfo: 'pdfinfo'
  Evidence__Pdf__MaxPages: '10'
  Evidence__Pdf__PageSide: '1600'
  Evidence__Pdf__Timeout: '00:00:30'
  Evidence__Pdf__MemoryLimitMegabytes: '1024'
  Privacy__EvidenceRetention: '1096.00:00:00'
  Privacy__SignInHistoryRetention: '180.00:00:00'
  Privacy__SentMailRetention: '180.00:00:00'
  Privacy__RetentionCron: '0 19 * * *'
  Logging__Json: 'true'
  Telemetry__OtlpEndpoint: otlpEndpoint
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol
}

var siteConfigBase = {
  linuxFxVersion: linuxFxVersion
  alwaysOn: true
  healthCheckPath: '/health/ready'
  http20Enabled: true
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
}

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stateless instances: no ARR affinity cookie; data-protection keys live in the database.
    clientAffinityEnabled: false
    siteConfig: union(siteConfigBase, {
      numberOfWorkers: webInstanceCount
    })
  }
}

resource jobs 'Microsoft.Web/sites@2024-04-01' = {
  name: jobsAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // alwaysOn (in the base) keeps the job server running without requests.
    siteConfig: union(siteConfigBase, {
      numberOfWorkers: jobInstanceCount
    })
  }
}

resource webSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: web
  name: 'appsettings'
  properties: union(sharedSettings, {
    Hangfire__Mode: 'WebOnly'
    OTEL_SERVICE_NAME: 'merchantdisputes-web'
    // Only the web app creates the first admin, so two kinds of instance never race for it.
    Bootstrap__AdminEmail: bootstrapAdminEmail
    Bootstrap__AdminPassword: adminPasswordReference
  })
  dependsOn: [
    adminPasswordSecret
    smtpPasswordSecret
    webKeyVaultAccess
  ]
}

resource jobsSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: jobs
  name: 'appsettings'
  properties: union(sharedSettings, {
    Hangfire__Mode: 'JobsOnly'
    OTEL_SERVICE_NAME: 'merchantdisputes-jobs'
    Bootstrap__AdminEmail: ''
    Bootstrap__AdminPassword: ''
  })
  dependsOn: [
    smtpPasswordSecret
    jobsKeyVaultAccess
  ]
}

// ---------------------------------------------------------------- Role assignments

resource webBlobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, web.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource jobsBlobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, jobs.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: jobs.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource webKeyVaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, web.id, keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource jobsKeyVaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, jobs.id, keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: jobs.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------- Outputs

output webUrl string = 'https://${web.properties.defaultHostName}'
output webAppName string = web.name
output jobsAppName string = jobs.name
output sqlServerFqdn string = sqlServer.properties.fullyQualifiedDomainName
output databaseName string = database.name
output storageAccountName string = storage.name
output evidenceServiceUri string = storage.properties.primaryEndpoints.blob
output keyVaultName string = keyVault.name

@description('Run once as the Entra SQL admin (sqlcmd -G or the portal\'s query editor) after the first deployment.')
output sqlGrantScript string = join([
  'CREATE USER [${web.name}] FROM EXTERNAL PROVIDER;'
  'CREATE USER [${jobs.name}] FROM EXTERNAL PROVIDER;'
  'ALTER ROLE db_datareader ADD MEMBER [${web.name}]; ALTER ROLE db_datawriter ADD MEMBER [${web.name}];'
  'ALTER ROLE db_datareader ADD MEMBER [${jobs.name}]; ALTER ROLE db_datawriter ADD MEMBER [${jobs.name}];'
  '-- Hangfire creates and upgrades its own [HangFire] schema at start-up:'
  'ALTER ROLE db_ddladmin ADD MEMBER [${web.name}]; ALTER ROLE db_ddladmin ADD MEMBER [${jobs.name}];'
], '\n')
