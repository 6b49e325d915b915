using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReportingColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MerchantGender",
                table: "Disputes",
                type: "varchar(8)",
                unicode: false,
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SubmittedPeriod",
                table: "Disputes",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_SubmittedPeriod_PlatformId",
                table: "Disputes",
                columns: new[] { "SubmittedPeriod", "PlatformId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disputes_SubmittedPeriod_PlatformId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "MerchantGender",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "SubmittedPeriod",
                table: "Disputes");
        }
    }
}
