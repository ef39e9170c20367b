if (args is ["__state-writer", ..]) return EdgeRnn.Device.Persistence.StateWriterSoak.Run(args[1..]);
Console.WriteLine("todo");
return 0;
