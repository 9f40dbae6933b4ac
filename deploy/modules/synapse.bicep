// Synapse workspace used only for its built-in serverless SQL pool (no dedicated pool, no Spark pool). Its
// default ADLS Gen2 filesystem is on the lake account; Microsoft Entra ID is the only sign-in.

@description('Azure region.')
param location string

@description('Name of the Synapse workspace.')
param name string

@description('DFS endpoint of the lake account (https://<account>.dfs.core.windows.net/).')
param lakeDfsEndpoint string

@description('Resource ID of the lake account.')
param lakeAccountId string

@description('Filesystem (container) on the lake account that is the workspace default.')
param defaultFilesystemName string

@description('Object ID of the Microsoft Entra user or group made Synapse administrator and SQL administrator. Empty: none.')
param adminObjectId string

@description('Display name (login) of that administrator, shown as the SQL Entra admin.')
param adminLogin string

@description('Allow connections from Azure services (Power BI, Data Factory) through the workspace firewall.')
param allowAzureServices bool

@description('Client IP ranges allowed through the workspace firewall: [{ name, startIpAddress, endIpAddress }].')
param allowedIpRanges array

@description('Tags applied to every resource.')
param tags object

resource workspace 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      accountUrl: lakeDfsEndpoint
      filesystem: defaultFilesystemName
      resourceId: lakeAccountId
    }
    azureADOnlyAuthentication: true
    publicNetworkAccess: 'Enabled'
    cspWorkspaceAdminProperties: empty(adminObjectId)
      ? null
      : {
          initialWorkspaceAdminObjectId: adminObjectId
        }
  }
}

resource sqlAdmin 'Microsoft.Synapse/workspaces/administrators@2021-06-01' = if (!empty(adminObjectId)) {
  parent: workspace
  name: 'activeDirectory'
  properties: {
    administratorType: 'ActiveDirectory'
    login: adminLogin
    sid: adminObjectId
    tenantId: subscription().tenantId
  }
}

// The well-known rule name for "Allow Azure services and resources to access this workspace".
resource azureServicesRule 'Microsoft.Synapse/workspaces/firewallRules@2021-06-01' = if (allowAzureServices) {
  parent: workspace
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

@batchSize(1)
resource clientRules 'Microsoft.Synapse/workspaces/firewallRules@2021-06-01' = [
  for range in allowedIpRanges: {
    parent: workspace
    name: range.name
    properties: {
      startIpAddress: range.startIpAddress
      endIpAddress: range.endIpAddress
    }
  }
]

output name string = workspace.name
output principalId string = workspace.identity.principalId
output serverlessSqlEndpoint string = workspace.properties.connectivityEndpoints.sqlOnDemand
