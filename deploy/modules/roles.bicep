// Data-plane role assignments. Built-in role definition IDs are the same in every tenant.
import { appendOnlyAudit, lakeFolders } from 'access-plan.bicep'

@description('Principal ID of the silo app\'s system-assigned identity.')
param appPrincipalId string

@description('Principal ID of the Synapse workspace identity.')
param synapsePrincipalId string

@description('Principals that send to the hub (ADT producers): [{ principalId, principalType }]. principalType: ServicePrincipal, User or Group.')
param producerPrincipals array

@description('Name of the lake account.')
param lakeAccountName string

@description('Filesystem on the lake account that is Synapse\'s default.')
param synapseFilesystemName string

@description('Name of the Orleans runtime account.')
param runtimeAccountName string

@description('Name of the Event Hubs namespace.')
param eventHubsNamespaceName string

@description('Name of the event hub.')
param hubName string

@description('Name of the Key Vault.')
param keyVaultName string

var roleIds = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  eventHubsDataSender: '2b629674-e913-4c01-ae53-ef4638d8f975'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeAccountName

  resource blobs 'blobServices' existing = {
    name: 'default'

    resource synapseFilesystem 'containers' existing = {
      name: synapseFilesystemName
    }
  }
}

resource runtime 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: runtimeAccountName
}

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName

  resource hub 'eventhubs' existing = {
    name: hubName
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// --- Silo app (system-assigned identity) ---

// The engine writes every table, but the audit log is append-only: its files can be created, never deleted or renamed.
resource appLakeWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: lake
  name: guid(lake.id, appPrincipalId, roleIds.storageBlobDataContributor)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
    condition: appendOnlyAudit(lakeFolders().audit)
    conditionVersion: '2.0'
  }
}

resource appRuntimeTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: runtime
  name: guid(runtime.id, appPrincipalId, roleIds.storageTableDataContributor)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
  }
}

resource appRuntimeQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: runtime
  name: guid(runtime.id, appPrincipalId, roleIds.storageQueueDataContributor)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageQueueDataContributor)
  }
}

// Orleans Azure Blob grain storage, should the Azure profile keep grain state in blobs rather than tables.
resource appRuntimeBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: runtime
  name: guid(runtime.id, appPrincipalId, roleIds.storageBlobDataContributor)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
  }
}

resource appHubReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: namespace::hub
  name: guid(namespace::hub.id, appPrincipalId, roleIds.eventHubsDataReceiver)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.eventHubsDataReceiver)
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appPrincipalId, roleIds.keyVaultSecretsUser)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
  }
}

// --- Synapse workspace identity ---

resource synapseLakeReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: lake
  name: guid(lake.id, synapsePrincipalId, roleIds.storageBlobDataReader)
  properties: {
    principalId: synapsePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataReader)
  }
}

// The workspace writes its own files (and serverless CETAS results) only into its default filesystem.
resource synapseOwnFilesystem 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: lake::blobs::synapseFilesystem
  name: guid(lake::blobs::synapseFilesystem.id, synapsePrincipalId, roleIds.storageBlobDataContributor)
  properties: {
    principalId: synapsePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
  }
}

// --- Producers (optional) ---

resource producerSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for producer in producerPrincipals: {
    scope: namespace::hub
    name: guid(namespace::hub.id, producer.principalId, roleIds.eventHubsDataSender)
    properties: {
      principalId: producer.principalId
      principalType: producer.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.eventHubsDataSender)
    }
  }
]
