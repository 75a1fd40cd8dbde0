// WeChatDomains: the whole Azure deployment of the Functions app (DESIGN section 8). No registry modules.
// Deploy into an existing resource group (docs/functions.md):
//   az deployment group create -g <rg> -f infra/main.bicep -p namePrefix=wechatdom
// Every connection is identity-based: one user-assigned identity, RBAC on each resource, no keys or connection strings.
// Production (issue 19): least-privilege roles, diagnostics of every resource to Log Analytics, alert rules, and
// parameters for private networking and storage redundancy whose defaults keep a first deployment simple
// (docs/functions.md, "Deployment checklist").
targetScope = 'resourceGroup'

@description('Azure region of every resource. Defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Short lowercase prefix of resource names (3-11 letters or digits); a hash of the resource group id is appended where names must be globally unique.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'wechatdom'

@description('Tags put on every resource.')
param tags object = {}

@description('The session-enabled commands queue (app setting CommandsQueueName).')
param commandsQueueName string = 'wechatdomains-commands'

@description('Service Bus duplicate detection window (ISO 8601). Re-submissions and re-releases with the same MessageId inside it are dropped.')
param duplicateDetectionWindow string = 'PT1H'

@description('Deliveries before Service Bus dead-letters a message by itself. Keep it above Core\'s Processing:MaxDeliveries (20), so Core dead-letters first with its own reason.')
@minValue(2)
@maxValue(2000)
param maxDeliveryCount int = 25

@description('Message lock duration (ISO 8601); the host renews it up to host.json maxAutoLockRenewalDuration.')
param lockDuration string = 'PT1M'

@description('Time to live of a command message (ISO 8601); expired messages are dead-lettered.')
param messageTimeToLive string = 'P14D'

@description('Service Bus tier: sessions need Standard or Premium.')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('.NET isolated runtime version of the Flex Consumption app.')
param dotnetVersion string = '10.0'

@description('Flex Consumption: most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory of one instance (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Tables to create up front (the Table Storage adapters also create what is missing). Empty: let the adapters create them.')
param tableNames array = []

@description('The third-party platform\'s component appid (app setting Platform__AppId). Its secret, push token and EncodingAESKey are Key Vault secrets the app reads through Key Vault references: platform-app-secret, platform-push-token, platform-encoding-aes-key (set them after deployment; never as parameters).')
param platformAppId string

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Storage redundancy. Standard_LRS keeps a first deployment cheap; production usually wants Standard_ZRS (or Standard_GZRS where the region pairs).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_LRS'

@description('Network isolation for production: the app joins a VNet (Flex Consumption VNet integration) and reaches Key Vault, Storage (blob, table) and Service Bus through private endpoints; their public network access is turned off. Needs Service Bus Premium (private endpoints exist only there), so it forces that tier; an existing Standard namespace is not upgraded in place, so choose serviceBusSku=Premium from the first deployment if you will turn this on. Off for a first deployment: seed the vault from your machine first (docs/functions.md, Deployment checklist).')
param privateNetworking bool = false

@description('Address space of the VNet created when privateNetworking is on.')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('Subnet of the app\'s VNet integration (delegated to Microsoft.App/environments, as Flex Consumption requires); only with privateNetworking.')
param appSubnetPrefix string = '10.60.0.0/24'

@description('Subnet of the private endpoints; only with privateNetworking.')
param privateEndpointSubnetPrefix string = '10.60.1.0/24'

@description('Resource id of an existing action group the alert rules notify (e-mail, SMS, webhook, ...). Empty: the rules are created and fire in the portal, but notify nobody.')
param actionGroupId string = ''

@description('Alert when more commands than this entered Deferred within an hour (quota, ticket, order holds piling up).')
@minValue(1)
param deferredCommandsPerHourThreshold int = 50

var suffix = substring(uniqueString(resourceGroup().id), 0, 8)
var deploymentContainerName = 'app-package'

// Service Bus private endpoints exist only on Premium; private networking therefore forces it.
var effectiveServiceBusSku = privateNetworking ? 'Premium' : serviceBusSku
var publicNetworkAccess = privateNetworking ? 'Disabled' : 'Enabled'
var alertActions = empty(actionGroupId) ? [] : [actionGroupId]

// Built-in role definition ids (az role definition list --name <id>).
var roles = {
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// What the app does with secrets (KeyVaultSecretVault, and the platform's Key Vault references): read, write a new
// version, delete, and recover a soft-deleted secret before writing it again. Never purge (purge protection stays
// meaningful), list, back up or restore.
var secretsRoleDataActions = [
  'Microsoft.KeyVault/vaults/secrets/getSecret/action'
  'Microsoft.KeyVault/vaults/secrets/setSecret/action'
  'Microsoft.KeyVault/vaults/secrets/delete'
  'Microsoft.KeyVault/vaults/secrets/recover/action'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-${suffix}'
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${namePrefix}-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${namePrefix}${suffix}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    publicNetworkAccess: publicNetworkAccess
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${namePrefix}-${suffix}'
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
    publicNetworkAccess: publicNetworkAccess
  }
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: 'sb-${namePrefix}-${suffix}'
  location: location
  tags: tags
  sku: {
    name: effectiveServiceBusSku
    tier: effectiveServiceBusSku
    capacity: effectiveServiceBusSku == 'Premium' ? 1 : null
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: publicNetworkAccess
  }
}

resource commandsQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: serviceBus
  name: commandsQueueName
  properties: {
    requiresSession: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    enablePartitioning: false
    enableBatchedOperations: true
    maxSizeInMegabytes: 1024
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${namePrefix}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var serviceBusHost = split(replace(serviceBus.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${namePrefix}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: privateNetworking ? appSubnetId : null
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'ServiceBus__fullyQualifiedNamespace', value: serviceBusHost }
        { name: 'ServiceBus__credential', value: 'managedidentity' }
        { name: 'ServiceBus__clientId', value: identity.properties.clientId }
        { name: 'CommandsQueueName', value: commandsQueue.name }
        { name: 'TableStorage__ServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'KeyVault__VaultUri', value: vault.properties.vaultUri }
        { name: 'Platform__AppId', value: platformAppId }
        { name: 'Platform__AppSecret', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=platform-app-secret)' }
        { name: 'Platform__Token', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=platform-push-token)' }
        { name: 'Platform__EncodingAesKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=platform-encoding-aes-key)' }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
  dependsOn: [
    deploymentContainer
    tables
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Least privilege: the roles of the app's identity, each on the narrowest scope that works.
// ---------------------------------------------------------------------------------------------------------------

// Service Bus: the trigger receives, the app sends (submissions, releases, retries) to this queue only. Data Owner,
// not Receiver + Sender, because the scale controller, which polls with the app's identity, reads the queue's
// message count through the management API (GetQueueRuntimeProperties), which needs the Manage right; with Listen
// only it falls back to peeking and scale-out is blind to the backlog (docs/functions.md, "Scaling"). Data Owner
// includes send and receive, so nothing else is granted on Service Bus. Scope: the queue, not the namespace.
resource queueDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(commandsQueue.id, identity.id, roles.serviceBusDataOwner)
  scope: commandsQueue
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
  }
}

// Storage: Blob Data Owner on the account is what the Functions host needs for AzureWebJobsStorage (it creates its
// own containers: leases, keys, timer schedules) and covers the deployment package container. Table Data Contributor
// is the status store's (the adapters create missing tables, so the scope is the account, not one table). No Storage
// Queue Data Contributor: the host needs it only for blob triggers, and the app has none (it queues on Service Bus).
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    roles.storageBlobDataOwner
    roles.storageTableDataContributor
  ]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

// Key Vault: a custom role with exactly the secret operations the app performs (issues 18 and 19), instead of Key
// Vault Secrets Officer (which adds list, backup, restore and purge). Its scope is the vault: the app writes one
// secret per authorizer, whose names are not known at deployment. Creating a custom role needs
// Microsoft.Authorization/roleDefinitions/write (Owner or User Access Administrator) on the resource group.
resource secretsRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'wechatdomains-secrets')
  properties: {
    // Role names are unique in the tenant: the suffix (a hash of the resource group id) keeps them apart.
    roleName: 'WeChatDomains secrets (${resourceGroup().name}, ${suffix})'
    description: 'Get, set, delete and recover Key Vault secrets; no list, backup, restore or purge.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: secretsRoleDataActions
        notDataActions: []
      }
    ]
  }
}

resource vaultSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, secretsRole.name)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    // A role definition is a subscription-level object even when deployed from a resource group.
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsRole.name)
  }
}

// Application Insights: the host and the worker send telemetry with Entra ID (local auth is off on the component).
resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Diagnostics: every resource that has logs or metrics sends them to the Log Analytics workspace.
// Not here, on purpose: the identity, role definitions and assignments, alert rules (no diagnostic settings exist for
// them); Application Insights (workspace-based: its telemetry already lands in the workspace); the queue, container
// and tables (covered by their namespace and services); private endpoints and DNS zones (network plumbing; their
// traffic shows on the resources behind them).
// ---------------------------------------------------------------------------------------------------------------

var allLogs = [
  {
    categoryGroup: 'allLogs'
    enabled: true
  }
]

var allMetrics = [
  {
    category: 'AllMetrics'
    enabled: true
  }
]

// Storage reports metrics under 'Transaction' (there is no AllMetrics category), and logs per service.
var storageMetrics = [
  {
    category: 'Transaction'
    enabled: true
  }
]

// Key Vault audit log (AuditEvent: who read or wrote which secret, with status codes) and metrics.
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: vault
  properties: {
    workspaceId: logs.id
    logs: allLogs
    metrics: allMetrics
  }
}

resource serviceBusDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: serviceBus
  properties: {
    workspaceId: logs.id
    logs: allLogs
    metrics: allMetrics
  }
}

resource storageDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: storage
  properties: {
    workspaceId: logs.id
    metrics: storageMetrics
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: blobService
  properties: {
    workspaceId: logs.id
    logs: allLogs
    metrics: storageMetrics
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: tableService
  properties: {
    workspaceId: logs.id
    logs: allLogs
    metrics: storageMetrics
  }
}

resource functionAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: functionApp
  properties: {
    workspaceId: logs.id
    logs: allLogs
    metrics: allMetrics
  }
}

resource planDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: plan
  properties: {
    workspaceId: logs.id
    metrics: allMetrics
  }
}

// The workspace's own audit log: who queried the data (secrets never reach it, but authorizer ids do).
resource workspaceDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${logs.name}'
  scope: logs
  properties: {
    workspaceId: logs.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: allMetrics
  }
}

resource vnetDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (privateNetworking) {
  name: 'to-${logs.name}'
  scope: vnet
  properties: {
    workspaceId: logs.id
    metrics: allMetrics
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Alerts on what hurts. Log alerts read what the app emits: its metrics (meters WeChatDomains.Processing and
// WeChatDomains.Tokens, exported to Application Insights as customMetrics) and its warnings (traces); the Key Vault
// audit log gives the ticket's age. Platform metrics cover dead letters and vault throttling.
// ---------------------------------------------------------------------------------------------------------------

// Each log alert: `scope` is 'appInsights' (customMetrics, traces) or 'vault' (its AuditEvent rows in AzureDiagnostics,
// queried resource-centric so only this vault's rows count). The names the queries use are the app's own:
// component-verify-ticket (SecretNames), wechatdomains.tokens.refreshes with outcome (TokenMetrics, RefreshStatus),
// wechatdomains.commands with state and class (ProcessingTelemetry, CommandState, WeChatErrorClass), and the text of
// the token log's event 3013.
var logAlerts = [
  {
    name: 'ticket-stale'
    description: 'No component_verify_ticket was stored in the last 30 minutes (WeChat pushes one every 10 minutes): check that WeChat reaches POST /api/wechat/events and that pushes decrypt. Component and authorizer tokens cannot be refreshed without a fresh ticket.'
    severity: 1
    scope: 'vault'
    query: 'AzureDiagnostics | where OperationName == "SecretSet" and requestUri_s contains "/secrets/component-verify-ticket" and httpStatusCode_d < 300'
    operator: 'LessThan'
    threshold: 1
    windowSize: 'PT30M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'token-refresh-failed'
    description: 'A component or authorizer token refresh failed (WeChat refused it, or it could not be called): see the token log (event 3002) for the errcode.'
    severity: 2
    scope: 'appInsights'
    query: 'customMetrics | where name == "wechatdomains.tokens.refreshes" and tostring(customDimensions.outcome) == "Failed" | summarize AggregatedValue = sum(valueSum)'
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'deferred-piling-up'
    description: 'Many commands entered Deferred within the hour (quota used up, ticket missing, earlier commands holding later ones): GET /api/health shows how many wait and why.'
    severity: 3
    scope: 'appInsights'
    query: 'customMetrics | where name == "wechatdomains.commands" and tostring(customDimensions.state) == "Deferred" | summarize AggregatedValue = sum(valueSum)'
    operator: 'GreaterThan'
    threshold: deferredCommandsPerHourThreshold
    windowSize: 'PT1H'
    evaluationFrequency: 'PT15M'
  }
  {
    name: 'authorizer-needs-reauthorization'
    description: 'An authorizer lost its authorization: a command failed with the AuthorizationLost class, or WeChat refused its refresh token. The Mini Program owner must authorize the platform again; GET /api/authorizers/{appid} shows the state.'
    severity: 2
    scope: 'appInsights'
    query: 'union (customMetrics | where name == "wechatdomains.commands" and tostring(customDimensions.class) == "AuthorizationLost" | project hits = valueSum), (traces | where message has "needs re-authorization" | project hits = 1.0) | summarize AggregatedValue = sum(hits)'
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT1H'
    evaluationFrequency: 'PT15M'
  }
]

var logAlertRuleNames = [for alert in logAlerts: 'alert-${namePrefix}-${alert.name}']

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = [
  for (alert, i) in logAlerts: {
    name: logAlertRuleNames[i]
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: 'WeChatDomains: ${alert.name}'
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        alert.scope == 'vault' ? vault.id : appInsights.id
      ]
      evaluationFrequency: alert.evaluationFrequency
      windowSize: alert.windowSize
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: alert.operator == 'LessThan' ? 'Count' : 'Total'
            metricMeasureColumn: alert.operator == 'LessThan' ? null : 'AggregatedValue'
            operator: alert.operator
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      // A new workspace has no AzureDiagnostics table until the vault's first audit rows arrive; validating the query
      // at creation would then fail the first deployment.
      skipQueryValidation: true
      actions: {
        actionGroups: alertActions
      }
    }
    dependsOn: [
      vaultDiagnostics
    ]
  }
]

// Dead-lettered commands: Core dead-letters what it cannot process (bad message, too many deliveries) and Service
// Bus what expired; each needs a look (docs/functions.md).
resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${namePrefix}-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'The commands queue holds dead-lettered messages: read their DeadLetterReason and description, fix, then resubmit or purge.'
    severity: 2
    enabled: true
    scopes: [
      serviceBus.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                commandsQueue.name
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    autoMitigate: true
    actions: [for group in alertActions: { actionGroupId: group }]
  }
}

// Vault throttling: Key Vault answered 429. The app defers and retries (VaultWriteLimiter, ThrottleDeferringRetryPolicy),
// but sustained throttling delays token refreshes.
resource vaultThrottlingAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${namePrefix}-vault-throttled'
  location: 'global'
  tags: tags
  properties: {
    description: 'Key Vault throttled requests (HTTP 429): see the vault audit log for the operations, and spread or reduce secret writes.'
    severity: 2
    enabled: true
    scopes: [
      vault.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'throttled'
          metricNamespace: 'Microsoft.KeyVault/vaults'
          metricName: 'ServiceApiResult'
          dimensions: [
            {
              name: 'StatusCode'
              operator: 'Include'
              values: [
                '429'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Count'
        }
      ]
    }
    autoMitigate: true
    actions: [for group in alertActions: { actionGroupId: group }]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Private networking (privateNetworking = true): a VNet for the app's outbound traffic and private endpoints, one
// private DNS zone per service, linked to the VNet so the app resolves the services' usual names to private IPs.
// ---------------------------------------------------------------------------------------------------------------

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = if (privateNetworking) {
  name: 'vnet-${namePrefix}-${suffix}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

var appSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-${namePrefix}-${suffix}', 'app')
var privateEndpointSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-${namePrefix}-${suffix}', 'private-endpoints')

// target: which resource the endpoint reaches; groupId: its sub-resource; zone: the private DNS zone of that service.
var privateLinks = [
  {
    target: 'vault'
    groupId: 'vault'
    zone: 'privatelink.vaultcore.azure.net'
  }
  {
    target: 'serviceBus'
    groupId: 'namespace'
    zone: 'privatelink.servicebus.windows.net'
  }
  {
    target: 'storage'
    groupId: 'blob'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    target: 'storage'
    groupId: 'table'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
]

resource privateDnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for link in privateLinks: if (privateNetworking) {
    name: link.zone
    location: 'global'
    tags: tags
  }
]

resource privateDnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (link, i) in privateLinks: if (privateNetworking) {
    parent: privateDnsZones[i]
    name: 'link-${vnet.name}'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for link in privateLinks: if (privateNetworking) {
    name: 'pe-${namePrefix}-${link.groupId}-${suffix}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: privateEndpointSubnetId
      }
      privateLinkServiceConnections: [
        {
          name: link.groupId
          properties: {
            privateLinkServiceId: link.target == 'vault' ? vault.id : (link.target == 'serviceBus' ? serviceBus.id : storage.id)
            groupIds: [
              link.groupId
            ]
          }
        }
      ]
    }
    dependsOn: [
      vnet
    ]
  }
]

resource privateDnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (link, i) in privateLinks: if (privateNetworking) {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(link.zone, '.', '-')
          properties: {
            privateDnsZoneId: privateDnsZones[i].id
          }
        }
      ]
    }
  }
]

@description('The function app (target of `func azure functionapp publish` / `az functionapp deployment source config-zip`).')
output functionAppName string = functionApp.name

@description('Base URL of the HTTP API (routes under /api).')
output apiBaseUrl string = 'https://${functionApp.properties.defaultHostName}/api'

@description('Service Bus namespace host name, for senders (ServiceBus__fullyQualifiedNamespace).')
output serviceBusNamespace string = serviceBusHost

@description('The commands queue; senders must set SessionId (docs/functions.md).')
output commandsQueueName string = commandsQueue.name

@description('Table endpoint of the status store.')
output tableServiceUri string = storage.properties.primaryEndpoints.table

@description('Key Vault URI (tickets, tokens).')
output keyVaultUri string = vault.properties.vaultUri

@description('Client id of the app\'s user-assigned identity.')
output identityClientId string = identity.properties.clientId

@description('Principal id of the app\'s identity, for extra role assignments (e.g. letting an upstream sender use the same queue).')
output identityPrincipalId string = identity.properties.principalId

@description('Key Vault name, for seeding the platform secrets (az keyvault secret set --vault-name).')
output keyVaultName string = vault.name

@description('Storage account of the host and the status store.')
output storageAccountName string = storage.name

@description('Storage redundancy deployed.')
output storageSku string = storage.sku.name

@description('Service Bus tier deployed (Premium whenever privateNetworking is on).')
output serviceBusSku string = effectiveServiceBusSku

@description('Whether Key Vault, Storage and Service Bus are reachable only through private endpoints.')
output privateNetworking bool = privateNetworking

@description('Log Analytics workspace every diagnostic setting writes to (Logs blade, or az monitor log-analytics query --workspace).')
output logAnalyticsWorkspaceId string = logs.id

@description('Application Insights component of the app.')
output applicationInsightsName string = appInsights.name

@description('The custom role the app holds on the vault (get, set, delete, recover secrets).')
output secretsRoleDefinitionId string = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsRole.name)

@description('Names of the alert rules, to look up after deployment (az monitor metrics alert / scheduled-query show).')
output alertRuleNames array = concat(logAlertRuleNames, [
  deadLetterAlert.name
  vaultThrottlingAlert.name
])

@description('Action group the alert rules notify; empty when none was given.')
output alertActionGroupId string = actionGroupId
