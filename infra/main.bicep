// WeChatDomains: the whole Azure deployment of the Functions app (DESIGN section 8). No registry modules.
// Deploy into an existing resource group (docs/functions.md):
//   az deployment group create -g <rg> -f infra/main.bicep -p namePrefix=wechatdom
// Every connection is identity-based: one user-assigned identity, RBAC on each resource, no keys or connection strings.
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

var suffix = substring(uniqueString(resourceGroup().id), 0, 8)
var deploymentContainerName = 'app-package'

// Built-in role definition ids.
var roles = {
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2552a0ee'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

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
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
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
    publicNetworkAccess: 'Enabled'
  }
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: 'sb-${namePrefix}-${suffix}'
  location: location
  tags: tags
  sku: {
    name: serviceBusSku
    tier: serviceBusSku
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
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

// Role assignments of the app's identity, each on the narrowest scope that works.
resource queueReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(commandsQueue.id, identity.id, roles.serviceBusDataReceiver)
  scope: commandsQueue
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
}

resource queueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(commandsQueue.id, identity.id, roles.serviceBusDataSender)
  scope: commandsQueue
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    roles.storageBlobDataOwner
    roles.storageQueueDataContributor
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

resource vaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

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
