using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

public sealed partial class RnnModel
{
    private RnnModel(ModelDefinition definition, uint checksum)
    {
        Definition = definition;
        Checksum = checksum;
    }
}
