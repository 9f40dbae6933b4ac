// Log Analytics workspace that the Container Apps environment sends console and system logs to.

@description('Azure region.')
param location string

@description('Name of the Log Analytics workspace.')
param name string

@description('Days the logs are kept (30 is included in the per-GB price).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags applied to every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

output name string = workspace.name
