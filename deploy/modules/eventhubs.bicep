// Event Hubs: the namespace, the ADT event hub the silos read, and the silos' consumer group.

@description('Azure region.')
param location string

@description('Name of the Event Hubs namespace.')
param namespaceName string

@description('Throughput units of the Standard namespace.')
@minValue(1)
@maxValue(40)
param capacity int

@description('Name of the event hub the ADT producers send to.')
param hubName string

@description('Partitions of the hub; Orleans spreads them over the silos. Fixed once created on Standard.')
@minValue(1)
@maxValue(32)
param partitionCount int

@description('Days events are retained in the hub (Standard: 1 to 7).')
@minValue(1)
@maxValue(7)
param retentionInDays int

@description('Consumer group the Orleans stream provider reads with.')
param consumerGroupName string

@description('Disable SAS keys so that only Microsoft Entra identities (RBAC) can send and receive.')
param disableLocalAuth bool

@description('Tags applied to every resource.')
param tags object

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: capacity
  }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: disableLocalAuth
    publicNetworkAccess: 'Enabled'
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: retentionInDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
  properties: {
    userMetadata: 'Orleans silos (Event Hubs stream provider)'
  }
}

// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ in the public cloud; the host is what SDK clients take.
output namespaceName string = namespace.name
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output hubName string = hub.name
output consumerGroupName string = consumerGroup.name
