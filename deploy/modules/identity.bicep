// User-assigned identity of the Container Apps platform: it resolves the app's Key Vault references (and pulls
// the image from a private registry). It exists, with its role, before the app does, so the first revision
// starts with its secrets. The silo itself signs in with the app's system-assigned identity.

@description('Azure region.')
param location string

@description('Name of the user-assigned identity.')
param name string

@description('Name of the Key Vault whose secrets the platform resolves.')
param keyVaultName string

@description('Tags applied to every resource.')
param tags object

var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

output id string = identity.id
output principalId string = identity.properties.principalId
