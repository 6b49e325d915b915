using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StoreId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ForcedFee_StoreId",
                table: "Disputes",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FrozenFunds_StoreId",
                table: "Disputes",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreId",
                table: "AspNetUsers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ForcedFee_StoreId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "FrozenFunds_StoreId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "StoreId",
                table: "AspNetUsers");
        }
    }
}
